import type { Activity } from 'botbuilder';
import { SUGGESTION_INTENT, type AskAnswer, type ExampleQuestion, type PersonCard, type ProjectDetails, type ProjectList } from '../domain/answers';
import type { MessageKey, Translate } from '../../../platform/i18n';
import { formatDate, formatDateTime, type ViewContext } from '../../../platform/i18n/format';
import type { CardModels, CardRenderer } from '../../../platform/teams/cards';
import type { ChoiceCard, PersonBlock, ProjectFact } from './cards';

/** Deep link that opens a 1:1 Teams chat with the person (documented Teams deep-link format). */
function chatLink(email: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(email)}`;
}

/** Owner and deputy of a project, each with its heading; the deputy first when the question was about them. */
function ownerAndDeputy(project: { readonly owner?: PersonCard; readonly deputy?: PersonCard }, t: Translate, deputyFirst = false): PersonBlock[] {
  const owner = project.owner && personBlock(project.owner, t('ask.owner'), t);
  const deputy = project.deputy && personBlock(project.deputy, t('ask.deputy'), t);
  return (deputyFirst ? [deputy, owner] : [owner, deputy]).filter((b): b is PersonBlock => Boolean(b));
}

function personBlock(person: PersonCard, heading: string, t: Translate): PersonBlock {
  return { heading, name: person.name, details: personDetails(person, t), chatUrl: chatLink(person.email), mailUrl: `mailto:${person.email}`, chatLabel: t('ask.chat'), mailLabel: t('ask.mail') };
}

/** "Altheim · CDO · p.mueller@…": municipality, roles and e-mail, leaving out what is empty. */
function personDetails(person: PersonCard, t: Translate): string {
  const roles = person.roles.filter((r) => r !== 'member').map((r) => t(`ask.roles.${r}` as MessageKey));
  return [person.municipality, roles.join(', '), person.email].filter(Boolean).join(' · ');
}

function personText(block: PersonBlock): string {
  return `${block.heading ? `${block.heading}: ` : ''}${block.name} (${block.details})`;
}

/** The plain text of a card for clients that cannot show it: title, then one line per entry. */
function fallbackOf(title: string, lines: readonly string[]): string {
  return [title, ...lines].filter(Boolean).join('\n');
}

/**
 * Turns an answer of the ask use case into a message: an Adaptive Card from a template in `cards/` with a
 * plain-text fallback, or for "not understood" the existing plain answer. `notUnderstood` is the bot's general
 * answer for text that is not about the directory.
 */
export function renderAskAnswer(answer: AskAnswer, view: ViewContext, cards: CardRenderer, extraFacts: readonly ProjectFact[] = []): Partial<Activity> {
  if (answer.kind === 'notUnderstood') return { type: 'message', text: view.t('messages.notUnderstood') };
  const [name, model] = askCardModel(answer, view, extraFacts);
  return cards.message(name, model as never);
}

type AnyCard = { [K in keyof CardModels]: [K, CardModels[K]] }[keyof CardModels];

function askCardModel(answer: Exclude<AskAnswer, { kind: 'notUnderstood' }>, view: ViewContext, extraFacts: readonly ProjectFact[]): AnyCard {
  const { t } = view;
  switch (answer.kind) {
    case 'owner':
    case 'deputy': {
      const project = answer.project.title;
      const people = ownerAndDeputy(answer, t, answer.kind === 'deputy');
      const notes: string[] = [];
      if (!answer.owner) notes.push(t('ask.noOwner', { project }));
      if (answer.kind === 'deputy' && !answer.deputy) notes.push(t('ask.noDeputy', { project }));
      const title = t(answer.kind === 'owner' ? 'ask.ownerTitle' : 'ask.deputyTitle', { project });
      const subtitle = t('ask.projectSubtitle', { lead: answer.project.lead, phase: t(`checkin.phases.${answer.project.phase}`) });
      return ['ask-people', { title, subtitle, people, notes, fallback: fallbackOf(title, [subtitle, ...people.map(personText), ...notes]) }];
    }
    case 'municipalityContact': {
      const municipality = answer.municipality.name;
      const title = t(answer.municipality.kind === 'district' ? 'ask.contactDistrictTitle' : 'ask.contactTitle', { municipality });
      const people = answer.contacts.map((p) => personBlock(p, '', t));
      const notes = people.length === 0 ? [t('ask.noContact', { municipality })] : [];
      return ['ask-people', { title, subtitle: '', people, notes, fallback: fallbackOf(title, [...people.map(personText), ...notes]) }];
    }
    case 'coordinators':
    case 'cdos': {
      const title = t(answer.kind === 'cdos' ? 'ask.cdosTitle' : 'ask.coordinatorsTitle');
      const people = answer.people.map((p) => personBlock(p, '', t));
      const notes = people.length === 0 ? [t(answer.kind === 'cdos' ? 'ask.noCdos' : 'ask.noCoordinators')] : [];
      if (answer.total > people.length) notes.push(t('ask.shown', { shown: people.length, total: answer.total }));
      return ['ask-people', { title, subtitle: '', people, notes, fallback: fallbackOf(title, [...people.map(personText), ...notes]) }];
    }
    case 'municipalityProjects': {
      const municipality = answer.municipality;
      const phase = answer.phase && t(`checkin.phases.${answer.phase}`);
      let title = t('ask.municipalityProjectsTitle', { municipality });
      if (answer.field) title = t('ask.municipalityFieldProjectsTitle', { municipality, field: answer.field });
      else if (phase) title = t('ask.municipalityPhaseProjectsTitle', { municipality, phase });
      return projectsCard(title, [], [{ heading: '', list: answer.projects }], t('ask.noMunicipalityProjects', { municipality }), view);
    }
    case 'personProjects': {
      const person = personBlock(answer.person, '', t);
      const title = answer.person.name;
      return projectsCard(
        title,
        [person],
        [
          { heading: t('ask.personOwned'), list: answer.owned },
          { heading: t('ask.personDeputised'), list: answer.deputised },
        ],
        t('ask.personNoProjects', { name: answer.person.name }),
        view,
      );
    }
    case 'phaseProjects': {
      const phase = t(`checkin.phases.${answer.phase}`);
      return projectsCard(t('ask.phaseProjectsTitle', { phase }), [], [{ heading: '', list: answer.projects }], t('ask.noPhaseProjects', { phase }), view);
    }
    case 'fieldProjects': {
      const field = answer.field;
      const title = answer.phase ? t('ask.fieldPhaseProjectsTitle', { field, phase: t(`checkin.phases.${answer.phase}`) }) : t('ask.fieldProjectsTitle', { field });
      return projectsCard(title, [], [{ heading: '', list: answer.projects }], t('ask.noFieldProjects', { field }), view);
    }
    case 'statusProjects':
      return statusProjectsCard(answer, view);
    case 'projectDetails':
      return ['ask-project', projectDetailsCard(answer.project, view, extraFacts)];
    case 'ambiguous': {
      const title = t('ask.ambiguousTitle');
      const choices = answer.candidates.map((c) => ({ label: c.label, verb: 'ask.choose' as const, intent: answer.intent, kind: c.kind, id: c.id }));
      return ['ask-choice', choiceModel(title, t('ask.ambiguousText'), choices)];
    }
    case 'unknown': {
      const key = `ask.unknown${answer.entityKind[0]!.toUpperCase()}${answer.entityKind.slice(1)}${answer.term ? '' : 'NoTerm'}` as MessageKey;
      const title = t(key, { term: answer.term });
      const choices = answer.suggestions.map((c) => ({ label: c.label, verb: 'ask.choose' as const, intent: SUGGESTION_INTENT[c.kind], kind: c.kind, id: c.id }));
      const text = choices.length > 0 ? t('ask.didYouMean') : '';
      const examples = answer.examples.map((e) => exampleText(e, t));
      return ['ask-choice', choiceModel(title, text, choices, t('ask.examplesTitle'), examples)];
    }
  }
}

/** A card offering entities as buttons, with example questions below (when given) and its plain-text fallback. */
export function choiceModel(title: string, text: string, choices: ChoiceCard['choices'], examplesTitle = '', examples: string[] = []): ChoiceCard {
  return { title, text, choices, examplesTitle, examples, fallback: fallbackOf(title, [text, ...choices.map((c) => `- ${c.label}`), examplesTitle, ...examples.map((e) => `- ${e}`)]) };
}

/** Projects on a traffic light, or without an answer in the latest round ("overdue"). */
function statusProjectsCard(answer: Extract<AskAnswer, { kind: 'statusProjects' }>, view: ViewContext): AnyCard {
  const { t } = view;
  const plain = t(`checkinRounds.ask.titles.${answer.status}`);
  const title = answer.municipality ? t('checkinRounds.ask.inMunicipality', { title: plain, municipality: answer.municipality }) : plain;
  const round = answer.round && { start: formatDateTime(answer.round.roundStartedAt, view), closes: formatDateTime(answer.round.roundClosesAt, view) };
  const heading = round ? t(answer.round!.open ? 'checkinRounds.ask.roundOpen' : 'checkinRounds.ask.roundClosed', round) : '';
  let empty = t(`checkinRounds.ask.empty.${answer.status}`, round ?? {});
  if (answer.status === 'overdue' && !round) empty = t('checkinRounds.ask.noRound');
  return projectsCard(title, [], [{ heading, list: answer.projects }], empty, view);
}

function projectsCard(title: string, people: PersonBlock[], lists: { heading: string; list: ProjectList }[], empty: string, view: ViewContext): AnyCard {
  const { t } = view;
  const sections = lists
    .filter((l) => l.list.total > 0)
    .map((l) => ({
      heading: l.heading,
      items: l.list.items.map((p) => {
        const phase = t(`checkin.phases.${p.phase}`);
        const line = p.ownerName ? t('ask.projectLine', { phase, lead: p.lead, owner: p.ownerName }) : t('ask.projectLineNoOwner', { phase, lead: p.lead });
        const detail = p.reportedAt ? t('checkinRounds.ask.reported', { line, date: formatDate(p.reportedAt, view) }) : line;
        const marker = p.isLead === undefined ? '' : ` (${t(p.isLead ? 'ask.leads' : 'ask.participates')})`;
        return { title: `${p.title}${marker}`, detail };
      }),
      more: l.list.total > l.list.items.length ? t('ask.shown', { shown: l.list.items.length, total: l.list.total }) : '',
    }));
  const notes = sections.length === 0 ? [empty] : [];
  const lines = [
    ...people.map(personText),
    ...sections.flatMap((s) => [s.heading, ...s.items.map((i) => `- ${i.title}: ${i.detail}`), s.more]),
    ...notes,
  ];
  return ['ask-projects', { title, people, sections, notes, fallback: fallbackOf(title, lines) }];
}

function projectDetailsCard(project: ProjectDetails, view: ViewContext, extraFacts: readonly ProjectFact[]): CardModels['ask-project'] {
  const { t } = view;
  const none = t('ask.detailsNone');
  const facts = [
    { title: t('ask.detailsPhase'), value: t(`checkin.phases.${project.phase}`) },
    { title: t('ask.detailsField'), value: project.field || none },
    { title: t('ask.detailsLead'), value: project.lead || none },
    { title: t('ask.detailsParticipants'), value: project.participants.join(', ') || none },
    { title: t('ask.detailsOwner'), value: project.owner?.name ?? t('ask.detailsNobody') },
    { title: t('ask.detailsDeputy'), value: project.deputy?.name ?? none },
  ];
  if (project.aliases.length > 0) facts.push({ title: t('ask.detailsAliases'), value: project.aliases.join(', ') });
  if (project.latestStatus) {
    const s = project.latestStatus;
    const progress = s.progress === undefined ? '' : t('checkin.form.progressSuffix', { progress: s.progress });
    const value = t('checkinRounds.ask.statusFact', { light: t(`checkin.lights.${s.light}`), phase: t(`checkin.phases.${s.phase}`), progress, date: formatDate(s.reportedAt, view), author: s.author });
    facts.push({ title: t('ask.detailsStatus'), value });
    if (s.blockers) facts.push({ title: t('checkinRounds.ask.blockers'), value: s.blockers });
  }
  facts.push(...extraFacts);
  const people = ownerAndDeputy(project, t);
  return {
    title: project.title,
    summary: project.summary,
    facts,
    people,
    fallback: fallbackOf(project.title, [project.summary, ...facts.map((f) => `${f.title}: ${f.value}`), ...people.map(personText)]),
  };
}

function exampleText(example: ExampleQuestion, t: Translate): string {
  switch (example.intent) {
    case 'owner':
    case 'projectDetails':
      return t(`ask.examples.${example.intent}`, { project: example.project });
    case 'municipalityContact':
    case 'municipalityProjects':
      return t(`ask.examples.${example.intent}`, { municipality: example.municipality });
    case 'phaseProjects':
      return t('ask.examples.phaseProjects', { phase: t(`checkin.phases.${example.phase}`) });
    case 'fieldProjects':
      return t('ask.examples.fieldProjects', { field: example.field });
  }
}

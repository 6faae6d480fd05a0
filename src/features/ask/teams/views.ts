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
  if (answer.kind === 'notUnderstood') {
    // The plain answer as before, and below it questions built from the data that would have been understood.
    const examples = answer.examples.map((e) => exampleText(e, view.t));
    const card = cards.card('ask-choice', choiceModel(view.t('ask.notUnderstoodTitle'), '', [], '', examples));
    return { type: 'message', text: view.t('messages.notUnderstood'), attachments: examples.length > 0 ? [card] : [] };
  }
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
      const subtitle = t('ask.projectSubtitle', { lead: answer.project.lead, phase: t(`kinds.phases.${answer.project.phase}`) });
      return ['ask-people', { title, subtitle, people, notes, fallback: fallbackOf(title, [subtitle, ...people.map(personText), ...notes]) }];
    }
    case 'owners': {
      const projects = names(answer.items.map((i) => t('ask.quoted', { name: i.project.title })), 'and', t);
      const title = t(answer.intent === 'owner' ? 'ask.ownersTitle' : 'ask.deputiesTitle', { projects });
      const people = answer.items.flatMap((item) => {
        const project = item.project.title;
        const owner = item.owner && personBlock(item.owner, t('ask.ownerOf', { project }), t);
        const deputy = item.deputy && personBlock(item.deputy, t('ask.deputyOf', { project }), t);
        return (answer.intent === 'deputy' ? [deputy, owner] : [owner, deputy]).filter((b): b is PersonBlock => Boolean(b));
      });
      const notes = answer.items.flatMap((item) => [
        ...(item.owner ? [] : [t('ask.noOwner', { project: item.project.title })]),
        ...(answer.intent === 'deputy' && !item.deputy ? [t('ask.noDeputy', { project: item.project.title })] : []),
      ]);
      return ['ask-people', { title, subtitle: '', people, notes, fallback: fallbackOf(title, [...people.map(personText), ...notes]) }];
    }
    case 'municipalityContact': {
      const municipality = names(answer.municipalities.map((m) => m.name), 'and', t);
      const district = answer.municipalities.length === 1 && answer.municipalities[0]!.kind === 'district';
      const title = t(district ? 'ask.contactDistrictTitle' : 'ask.contactTitle', { municipality });
      const people = answer.contacts.map((p) => personBlock(p, answer.municipalities.length > 1 ? p.municipality : '', t));
      const notes = answer.municipalities
        .filter((m) => !answer.contacts.some((c) => c.municipality === m.name))
        .map((m) => t('ask.noContact', { municipality: m.name }));
      return ['ask-people', { title, subtitle: '', people, notes, fallback: fallbackOf(title, [...people.map(personText), ...notes]) }];
    }
    case 'role': {
      const roleName = t(`ask.roles.${answer.role}`);
      let title = answer.count ? t('ask.roleCount', { count: answer.total, role: roleName }) : t(`ask.roleTitles.${answer.role}`);
      if (answer.municipality) title = t('ask.inMunicipality', { title, municipality: answer.municipality });
      const people = answer.people.map((p) => personBlock(p, '', t));
      const notes: string[] = [];
      if (people.length === 0) {
        if (answer.municipality) notes.push(t('ask.noRoleIn', { role: roleName, municipality: answer.municipality }));
        else if (answer.role === 'cdo' || answer.role === 'coordinator') notes.push(t(answer.role === 'cdo' ? 'ask.noCdos' : 'ask.noCoordinators'));
        else notes.push(t('ask.noRole', { role: roleName }));
      }
      if (answer.total > people.length) notes.push(t('ask.shown', { shown: people.length, total: answer.total }));
      return ['ask-people', { title, subtitle: '', people, notes, fallback: fallbackOf(title, [...people.map(personText), ...notes]) }];
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
    case 'projects':
      return projectsAnswerCard(answer, view);
    case 'projectDetails':
      return ['ask-project', projectDetailsCard(answer.project, view, extraFacts)];
    case 'ambiguous': {
      const title = t('ask.ambiguousTitle');
      const choices = answer.candidates.map((c) => ({ label: c.label, verb: 'ask.choose' as const, intent: answer.intent, kind: c.kind, id: c.id }));
      return ['ask-choice', choiceModel(title, t('ask.ambiguousText'), choices)];
    }
    case 'unknownRole': {
      const title = t('ask.unknownRole', { term: answer.term });
      const roles = answer.roles.map((r) => t(`ask.roles.${r}`)).join(', ');
      const text = answer.roles.length > 0 ? t('ask.knownRoles', { roles }) : t('ask.noRoles');
      const choices = answer.municipality
        ? [{ label: t('ask.contactChoice', { municipality: answer.municipality }), verb: 'ask.choose' as const, intent: 'municipalityContact', kind: 'municipality', id: answer.municipality }]
        : [];
      const examples = answer.roles.map((role) => t(`ask.roleExamples.${role}`, { municipality: answer.municipality ?? '' })).filter((e) => e !== '');
      return ['ask-choice', choiceModel(title, text, choices, examples.length > 0 ? t('ask.roleExamplesTitle') : '', examples)];
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

/** "A, B und C" / "A, B or C": names joined the way a sentence lists them. */
function names(list: readonly string[], joiner: 'and' | 'or', t: Translate): string {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')}${t(joiner === 'and' ? 'ask.and' : 'ask.or')}${list[list.length - 1]}`;
}

/**
 * The title of a list of projects, saying every filter understood: "Projekte von Olfen im Handlungsfeld „Bildung“
 * in der Phase „Planung“", "3 gemeinsame Projekte von Ahaus und Gescher", "Projekte auf Rot – Olfen". The number
 * comes first when the question asked how many.
 */
export function projectsTitle(answer: Extract<AskAnswer, { kind: 'projects' }>, t: Translate): string {
  const { query } = answer;
  const quoted = (list: readonly string[]) => names(list.map((name) => t('ask.quoted', { name })), 'or', t);
  const shared = (query.municipalities?.length ?? 0) > 1 || (query.people?.length ?? 0) > 1;
  const empty = Object.keys(query).length === 0;
  let title: string;
  if (answer.count) title = t(shared ? 'ask.sharedCount' : 'ask.projectsCount', { count: answer.projects.total });
  else title = t(shared ? 'ask.sharedBase' : empty ? 'ask.projectsAll' : 'ask.projectsBase');
  if (query.status) title += t(`ask.filters.status.${query.status}`);
  if (query.municipalities) {
    const municipalities = names(query.municipalities, 'and', t);
    if (query.status) title += t('ask.filters.statusPlace', { names: municipalities });
    else title += t(query.lead ? 'ask.filters.lead' : 'ask.filters.municipalities', { names: municipalities });
  }
  if (query.people) title += t(query.personRole ? `ask.filters.${query.personRole}` : 'ask.filters.people', { names: names(answer.peopleNames, 'and', t) });
  if (query.fields) title += t('ask.filters.fields', { names: quoted(query.fields) });
  if (query.phases) title += t('ask.filters.phases', { names: quoted(query.phases.map((p) => t(`kinds.phases.${p}`))) });
  if (query.gap) title += t(query.gap === 'owner' ? 'ask.filters.gapOwner' : 'ask.filters.gapDeputy');
  if (query.topic) title += t('ask.filters.topic', { topic: query.topic });
  return title;
}

/** What a list of projects says when none fits: in the words of its one filter, when it has only one. */
function noProjects(answer: Extract<AskAnswer, { kind: 'projects' }>, view: ViewContext, round: { start: string; closes: string } | undefined): string {
  const { t } = view;
  const { municipalities = [], phases = [], fields = [], status, gap, ...rest } = answer.query;
  const others = Object.keys(rest).length;
  const only = (n: number) => n + others === 0;
  if (status) {
    if (status === 'overdue' && !round) return t('checkinRounds.ask.noRound');
    if (phases.length === 0 && fields.length === 0 && !gap && others === 0) return t(`checkinRounds.ask.empty.${status}`, round ?? {});
  }
  if (!status && municipalities.length === 1 && only(phases.length + fields.length + (gap ? 1 : 0))) return t('ask.noMunicipalityProjects', { municipality: municipalities[0]! });
  if (!status && municipalities.length > 1 && only(phases.length + fields.length + (gap ? 1 : 0))) return t('ask.noSharedProjects', { names: names(municipalities, 'and', t) });
  const people = answer.peopleNames;
  if (!status && people.length > 1 && municipalities.length + phases.length + fields.length + (gap ? 1 : 0) === 0 && others === 2 - (answer.query.personRole ? 0 : 1)) {
    return t('ask.noSharedProjects', { names: names(people, 'and', t) });
  }
  if (!status && phases.length === 1 && only(municipalities.length + fields.length + (gap ? 1 : 0))) return t('ask.noPhaseProjects', { phase: t(`kinds.phases.${phases[0]!}`) });
  if (!status && fields.length === 1 && only(municipalities.length + phases.length + (gap ? 1 : 0))) return t('ask.noFieldProjects', { field: fields[0]! });
  if (!status && gap && only(municipalities.length + phases.length + fields.length)) return t(gap === 'owner' ? 'ask.noGapOwner' : 'ask.noGapDeputy');
  return t('ask.noMatchingProjects');
}

/** A list of projects by any filters (see {@link projectsTitle}); for "overdue", the round asked about. */
function projectsAnswerCard(answer: Extract<AskAnswer, { kind: 'projects' }>, view: ViewContext): AnyCard {
  const { t } = view;
  const round = answer.round && { start: formatDateTime(answer.round.roundStartedAt, view), closes: formatDateTime(answer.round.roundClosesAt, view) };
  const heading = round ? t(answer.round!.open ? 'checkinRounds.ask.roundOpen' : 'checkinRounds.ask.roundClosed', round) : '';
  return projectsCard(projectsTitle(answer, t), [], [{ heading, list: answer.projects }], noProjects(answer, view, round), view);
}

function projectsCard(title: string, people: PersonBlock[], lists: { heading: string; list: ProjectList }[], empty: string, view: ViewContext): AnyCard {
  const { t } = view;
  const sections = lists
    .filter((l) => l.list.total > 0)
    .map((l) => ({
      heading: l.heading,
      items: l.list.items.map((p) => {
        const phase = t(`kinds.phases.${p.phase}`);
        const line = p.ownerName ? t('ask.projectLine', { phase, lead: p.lead, owner: p.ownerName }) : t('ask.projectLineNoOwner', { phase, lead: p.lead });
        const detail = p.reportedAt ? t('checkinRounds.ask.reported', { line, date: formatDate(p.reportedAt, view) }) : line;
        // The role after a dash: titles often hold brackets of their own („E-Akte (digitale Verwaltungsakte)“).
        const marker = p.isLead === undefined ? '' : t('ask.roleMarker', { role: t(p.isLead ? 'ask.leads' : 'ask.participates') });
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
    { title: t('ask.detailsPhase'), value: t(`kinds.phases.${project.phase}`) },
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
    const value = t('checkinRounds.ask.statusFact', { light: t(`checkin.lights.${s.light}`), phase: t(`kinds.phases.${s.phase}`), progress, date: formatDate(s.reportedAt, view), author: s.author });
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
      return t('ask.examples.phaseProjects', { phase: t(`kinds.phases.${example.phase}`) });
    case 'fieldProjects':
      return t('ask.examples.fieldProjects', { field: example.field });
  }
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Municipality, Person, Project } from '../../../src/platform/directory/model';
import { translator, type MessageKey, type Translate } from '../../../src/platform/i18n';
import { TEAM } from '../../support/activities';
import { cardActions, cardElements, cardOf, cardReadout } from '../../support/cards';
import type { TestBot } from '../../support/test-bot';

/**
 * What a right answer is:
 * - `intent:entity` — `owner`, `deputy`, `projectDetails` (project id), `municipalityContact`, `municipalityProjects`
 *   (municipality name), `personProjects` (person e-mail), `phaseProjects` (phase), `fieldProjects` (field),
 *   `statusProjects` (red, yellow, green or overdue); `coordinators`, `cdos`;
 * - `projects:id|id` — a list of exactly these projects (`projects:` for a list of none);
 * - `count:N` or `count:N:id|id` — the number N first in the title (and, if given, exactly these projects);
 * - `people:email|email` — an answer naming exactly these people;
 * - `ambiguous:intent:id|id` — these candidates offered; `unknown:kind`, `unknownRole`, `none` (not understood).
 */
export type Expectation = string;

/** One question and what a right answer is. */
export interface CorpusTurn {
  readonly q: string;
  readonly expect: Expectation;
  /**
   * The language the answer must be in (the question's own, when it is written in the other language than the
   * Teams client's). Without it, an answer in either language counts.
   */
  readonly answer?: 'de' | 'en';
}

/**
 * One entry of a corpus, asked in a conversation of its own: a question (`q`, `expect`) or a conversation of
 * several (`turns`), each read against the ones before.
 */
export interface CorpusEntry {
  readonly q?: string;
  readonly expect?: Expectation;
  readonly answer?: 'de' | 'en';
  readonly turns?: readonly CorpusTurn[];
  /** The Teams client's language. */
  readonly locale: 'de' | 'en';
  /** Asked in a channel with an @mention (else in the 1:1 chat). */
  readonly channel: boolean;
  /**
   * What the entry tries, for counting (`followUp`, `filters`, `shared`, `count`, `gap`, `role`, `phrasing`,
   * `englishGerman`: an English question about a German-named project, `language`).
   */
  readonly kind?: string;
}

export interface CorpusResult {
  /** Questions asked (every turn of a conversation counts). */
  readonly total: number;
  readonly correct: number;
  readonly failures: readonly string[];
  /** Unknown-entity answers that named a person of the directory: must be none. */
  readonly personNamedForUnknown: readonly string[];
}

export function readCorpus(file: string): CorpusEntry[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusEntry[];
}

/** The questions of an entry, in order. */
export function turnsOf(entry: CorpusEntry): CorpusTurn[] {
  if (entry.turns) return [...entry.turns];
  return [{ q: entry.q!, expect: entry.expect!, ...(entry.answer ? { answer: entry.answer } : {}) }];
}

interface Directory {
  readonly municipalities: readonly Municipality[];
  readonly people: readonly Person[];
  readonly projects: readonly Project[];
}

// Cards are JSON as the bot sent them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Asks every question over HTTP, as Teams would (1:1 or @mention in a channel), each entry in a conversation of
 * its own (its own 1:1 chat, or its own channel thread), the turns of a conversation one after the other, and
 * judges the card that reaches the connector against the directory in storage.
 */
export async function runCorpus(bot: TestBot, corpus: readonly CorpusEntry[], name = 'corpus'): Promise<CorpusResult> {
  // Conversations of their own also across runs on the same bot: a follow-up never meets another run's question.
  const run = `${name}-${randomUUID().slice(0, 8)}`;
  const repos = bot.app.storage.repos;
  const directory: Directory = { municipalities: await repos.municipalities.list(), people: await repos.people.list(), projects: await repos.projects.list() };
  const failures: string[] = [];
  const personNamed: string[] = [];
  let correct = 0;
  let total = 0;
  for (const [n, entry] of corpus.entries()) {
    const locale = entry.locale === 'en' ? 'en-GB' : 'de-DE';
    const turns = turnsOf(entry);
    for (const [i, turn] of turns.entries()) {
      total++;
      bot.connector.clear();
      const activity = entry.channel ? bot.teams.channelMessage(turn.q, { locale, reply: true }) : bot.teams.personalMessage(turn.q, { locale });
      activity.conversation.id = entry.channel ? `${TEAM.id};messageid=${run}-${n}` : `a:personal-${run}-${n}`;
      await bot.post(activity);
      const [reply] = await bot.connector.waitForActivities(1);
      const body = reply!.body as Json;
      const label = turns.length > 1 ? `${turns.slice(0, i + 1).map((x) => x.q).join(' → ')}` : turn.q;
      // The answer's language is checked where the entry names it; otherwise an answer in the client's language or
      // in the other one (the question's, when its words differ from the client's) counts.
      const wanted = turn.answer ?? entry.answer;
      const languages: ('de' | 'en')[] = wanted ? [wanted] : [entry.locale, entry.locale === 'de' ? 'en' : 'de'];
      const problems = languages.map((language) => judge(turn.expect, body, translator(language), directory));
      const problem = problems.includes(undefined) ? undefined : problems[0];
      if (problem) failures.push(`${label} → expected ${turn.expect}: ${problem}`);
      else correct++;
      if (turn.expect.startsWith('unknown')) {
        // What the user sees: text, summary and cards (the reply's recipient is the asking user, not an answer).
        const everything = JSON.stringify([body.text, body.summary, body.attachments]).toLowerCase();
        const named = directory.people.filter((p) => everything.includes(p.name.toLowerCase()) || everything.includes(p.email));
        if (named.length > 0) personNamed.push(`${label} → ${named.map((p) => p.name).join(', ')}`);
      }
    }
  }
  return { total, correct, failures, personNamedForUnknown: personNamed };
}

/** A translation with its placeholders (those not given) as a pattern: does a text have its shape? */
function shapeOf(t: Translate, key: MessageKey, params: Record<string, string | number> = {}): RegExp {
  const pattern = t(key, params)
    .split(/\{\{[^}]+\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's');
}

/** The project titles a list card shows, without the lead / participant marker, and how many there are in all. */
function listedProjects(card: Json, t: Translate, directory: Directory): { titles: string[]; total: number; linesInLanguage: boolean } {
  const markers = [t('ask.roleMarker', { role: t('ask.leads') }), t('ask.roleMarker', { role: t('ask.participates') })];
  const blocks = cardElements(card).filter((e: Json) => e.type === 'TextBlock').map((e: Json) => e.text as string);
  const titles: string[] = [];
  let linesInLanguage = true;
  const line = [shapeOf(t, 'ask.projectLine'), shapeOf(t, 'ask.projectLineNoOwner')];
  blocks.forEach((text: string, i: number) => {
    const bare = markers.reduce((s, m) => (s.endsWith(m) ? s.slice(0, -m.length) : s), text);
    if (i > 0 && directory.projects.some((p) => p.title === bare)) {
      titles.push(bare);
      const detail = (blocks[i + 1] ?? '').split(' · ').slice(0, 3).join(' · ');
      if (!line.some((l) => l.test(detail))) linesInLanguage = false;
    }
  });
  const shown = blocks.map((b: string) => shapeOf(t, 'ask.shown').test(b) && /(\d+)\D+(\d+)/.exec(b)).find(Boolean);
  return { titles, total: shown ? Number(shown[2]) : titles.length, linesInLanguage };
}

/** Undefined when the answer is right, else what is wrong. */
function judge(expect: string, body: Json, t: Translate, directory: Directory): string | undefined {
  const [intent, ...rest] = expect.split(':');
  const entity = rest.join(':');
  if (intent === 'none') return body.text === t('messages.notUnderstood') ? undefined : `got ${describe(body)}`;
  const card = cardOf(body);
  if (!card) return `got text "${body.text}"`;
  const texts = cardReadout(card);
  const title = texts[0] ?? '';
  const expectTitle = (wanted: string, mode: 'equal' | 'prefix' = 'equal') =>
    (mode === 'equal' ? title === wanted : title.startsWith(wanted)) ? undefined : `title "${title}", wanted "${wanted}"`;
  const includesNames = (people: readonly (Person | undefined)[]) => {
    const missing = people.filter((p): p is Person => Boolean(p)).filter((p) => !texts.includes(p.name));
    return missing.length === 0 ? undefined : `missing ${missing.map((p) => p.name).join(', ')}`;
  };
  const person = (email: string) => directory.people.find((p) => p.email === email);
  const projectsAre = (ids: string) => {
    const wanted = ids
      .split('|')
      .filter(Boolean)
      .map((id) => directory.projects.find((p) => p.id === id)?.title ?? `(no project ${id})`);
    const { titles, total, linesInLanguage } = listedProjects(card, t, directory);
    if (!linesInLanguage) return `list not in the expected language: ${texts.slice(0, 3).join(' / ')}`;
    const extra = titles.filter((x) => !wanted.includes(x));
    const missing = wanted.filter((x) => !titles.includes(x));
    if (extra.length > 0 || (total === titles.length && missing.length > 0) || total !== wanted.length) {
      return `listed ${total}: ${titles.join(', ') || 'none'} (title "${title}"); wanted ${wanted.join(', ') || 'none'}`;
    }
    return undefined;
  };
  switch (intent) {
    case 'owner':
    case 'deputy': {
      const project = directory.projects.find((p) => p.id === entity);
      if (!project) return `no project ${entity} in the data`;
      return expectTitle(t(intent === 'owner' ? 'ask.ownerTitle' : 'ask.deputyTitle', { project: project.title })) ?? includesNames([person(project.owner), person(project.deputy)]);
    }
    case 'projectDetails': {
      const project = directory.projects.find((p) => p.id === entity);
      if (!project) return `no project ${entity} in the data`;
      const facts = texts.slice(1).some((x) => x.startsWith(`${t('ask.detailsPhase')}: `));
      return expectTitle(project.title) ?? includesNames([person(project.owner)]) ?? (facts ? undefined : 'details not in the expected language');
    }
    case 'municipalityContact': {
      const municipality = directory.municipalities.find((m) => m.name === entity);
      if (!municipality) return `no municipality ${entity} in the data`;
      const key = municipality.kind === 'district' ? 'ask.contactDistrictTitle' : 'ask.contactTitle';
      const cdos = directory.people.filter((p) => p.municipality === entity && p.roles.includes('cdo'));
      return expectTitle(t(key, { municipality: entity })) ?? includesNames(cdos);
    }
    case 'coordinators':
      return expectTitle(t('ask.roleTitles.coordinator')) ?? includesNames(directory.people.filter((p) => p.roles.includes('coordinator')));
    case 'cdos':
      return expectTitle(t('ask.roleTitles.cdo'));
    case 'municipalityProjects':
      return expectTitle(`${t('ask.projectsBase')}${t('ask.filters.municipalities', { names: entity })}`, 'prefix');
    case 'personProjects': {
      const wanted = person(entity);
      if (!wanted) return `no person ${entity} in the data`;
      const mail = cardActions(card).some((a: Json) => a.url === `mailto:${wanted.email}`);
      return expectTitle(wanted.name) ?? (mail ? undefined : 'no mail link');
    }
    case 'phaseProjects':
      return expectTitle(`${t('ask.projectsBase')}${t('ask.filters.phases', { names: t('ask.quoted', { name: t(`kinds.phases.${entity}` as MessageKey) }) })}`);
    case 'fieldProjects':
      return expectTitle(`${t('ask.projectsBase')}${t('ask.filters.fields', { names: t('ask.quoted', { name: entity }) })}`, 'prefix');
    case 'statusProjects':
      return expectTitle(t(`checkinRounds.ask.titles.${entity}` as MessageKey), 'prefix');
    case 'projects':
      return projectsAre(entity);
    case 'count': {
      const [number = '', ids] = entity.split(':');
      const count = Number(number);
      const counted =
        [t('ask.projectsCount', { count }), t('ask.sharedCount', { count })].some((start) => title === start || title.startsWith(`${start} `)) ||
        shapeOf(t, 'ask.roleCount', { count }).test(title.split(' – ')[0]!);
      if (!counted) return `title "${title}", wanted the number ${number} first`;
      return ids === undefined ? undefined : projectsAre(ids);
    }
    case 'people': {
      const wanted = entity
        .split('|')
        .filter(Boolean)
        .map((email) => person(email)?.name ?? `(no person ${email})`);
      const named = directory.people.filter((p) => texts.includes(p.name)).map((p) => p.name);
      const extra = named.filter((n) => !wanted.includes(n));
      const missing = wanted.filter((n) => !named.includes(n));
      if (extra.length > 0 || missing.length > 0) return `named ${named.join(', ') || 'nobody'} (title "${title}"); wanted ${wanted.join(', ') || 'nobody'}`;
      const mailLabel = wanted.length === 0 || cardActions(card).some((a: Json) => a.title === t('ask.mail'));
      return mailLabel ? undefined : `not in the expected language: "${title}"`;
    }
    case 'ambiguous': {
      const [wantedIntent, ids = ''] = entity.split(':');
      const offered = cardActions(card)
        .filter((a: Json) => a.verb === 'ask.choose' && a.data?.intent === wantedIntent)
        .map((a: Json) => a.data.id as string);
      const missing = ids.split('|').filter((id) => !offered.includes(id));
      return expectTitle(t('ask.ambiguousTitle')) ?? (missing.length === 0 ? undefined : `buttons ${offered.join(', ')} lack ${missing.join(', ')}`);
    }
    case 'unknown': {
      const kind = entity.charAt(0).toUpperCase() + entity.slice(1);
      const [prefix = '', suffix = ''] = t(`ask.unknown${kind}` as MessageKey, { term: '\u0000' }).split('\u0000');
      const withTerm = title.startsWith(prefix) && title.endsWith(suffix);
      return withTerm || title === t(`ask.unknown${kind}NoTerm` as MessageKey) ? undefined : `title "${title}"`;
    }
    case 'unknownRole':
      return shapeOf(t, 'ask.unknownRole').test(title) ? undefined : `title "${title}"`;
    default:
      return `unknown expectation ${expect}`;
  }
}

function describe(body: Json): string {
  const card = cardOf(body);
  return card && !body.text ? `card "${cardReadout(card)[0]}"` : `text "${body.text}"`;
}

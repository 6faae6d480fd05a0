import fs from 'node:fs';
import type { Municipality, Person, Project } from '../../../src/platform/directory/model';
import { translator, type MessageKey, type Translate } from '../../../src/platform/i18n';
import { cardActions, cardOf, cardReadout } from '../../support/cards';
import type { TestBot } from '../../support/test-bot';

/** One question of a corpus and what a right answer is. */
export interface CorpusEntry {
  readonly q: string;
  readonly locale: 'de' | 'en';
  /** Asked in a channel with an @mention (else in the 1:1 chat). */
  readonly channel: boolean;
  /**
   * `intent:entity` (project id, municipality name, person e-mail, field, phase, status: red, yellow, green or
   * overdue), `coordinators`, `cdos`,
   * `ambiguous:intent:id|id` (these candidates must be offered), `unknown:kind` or `none` (not understood).
   */
  readonly expect: string;
}

export interface CorpusResult {
  readonly total: number;
  readonly correct: number;
  readonly failures: readonly string[];
  /** Unknown-entity answers that named a person of the directory: must be none. */
  readonly personNamedForUnknown: readonly string[];
}

export function readCorpus(file: string): CorpusEntry[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusEntry[];
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
 * Asks every question over HTTP, as Teams would (1:1 or @mention in a channel), and judges the card that
 * reaches the connector against the directory in storage.
 */
export async function runCorpus(bot: TestBot, corpus: readonly CorpusEntry[]): Promise<CorpusResult> {
  const repos = bot.app.storage.repos;
  const directory: Directory = { municipalities: await repos.municipalities.list(), people: await repos.people.list(), projects: await repos.projects.list() };
  const failures: string[] = [];
  const personNamed: string[] = [];
  let correct = 0;
  for (const entry of corpus) {
    bot.connector.clear();
    const locale = entry.locale === 'en' ? 'en-GB' : 'de-DE';
    await bot.post(entry.channel ? bot.teams.channelMessage(entry.q, { locale }) : bot.teams.personalMessage(entry.q, { locale }));
    const [reply] = await bot.connector.waitForActivities(1);
    const body = reply!.body as Json;
    const t = translator(entry.locale);
    const problem = judge(entry.expect, body, t, directory);
    if (problem) failures.push(`${entry.q} → expected ${entry.expect}: ${problem}`);
    else correct++;
    if (entry.expect.startsWith('unknown:')) {
      // What the user sees: text, summary and cards (the reply's recipient is the asking user, not an answer).
      const everything = JSON.stringify([body.text, body.summary, body.attachments]).toLowerCase();
      const named = directory.people.filter((p) => everything.includes(p.name.toLowerCase()) || everything.includes(p.email));
      if (named.length > 0) personNamed.push(`${entry.q} → ${named.map((p) => p.name).join(', ')}`);
    }
  }
  return { total: corpus.length, correct, failures, personNamedForUnknown: personNamed };
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
      return expectTitle(project.title) ?? includesNames([person(project.owner)]);
    }
    case 'municipalityContact': {
      const municipality = directory.municipalities.find((m) => m.name === entity);
      if (!municipality) return `no municipality ${entity} in the data`;
      const key = municipality.kind === 'district' ? 'ask.contactDistrictTitle' : 'ask.contactTitle';
      const cdos = directory.people.filter((p) => p.municipality === entity && p.roles.includes('cdo'));
      return expectTitle(t(key, { municipality: entity })) ?? includesNames(cdos);
    }
    case 'coordinators':
      return expectTitle(t('ask.coordinatorsTitle')) ?? includesNames(directory.people.filter((p) => p.roles.includes('coordinator')));
    case 'cdos':
      return expectTitle(t('ask.cdosTitle'));
    case 'municipalityProjects':
      return expectTitle(t('ask.municipalityProjectsTitle', { municipality: entity }), 'prefix');
    case 'personProjects': {
      const wanted = person(entity);
      if (!wanted) return `no person ${entity} in the data`;
      const mail = cardActions(card).some((a: Json) => a.url === `mailto:${wanted.email}`);
      return expectTitle(wanted.name) ?? (mail ? undefined : 'no mail link');
    }
    case 'phaseProjects':
      return expectTitle(t('ask.phaseProjectsTitle', { phase: t(`checkin.phases.${entity}` as MessageKey) }));
    case 'fieldProjects':
      return expectTitle(t('ask.fieldProjectsTitle', { field: entity }), 'prefix');
    case 'statusProjects':
      return expectTitle(t(`checkinRounds.ask.titles.${entity}` as MessageKey), 'prefix');
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
    default:
      return `unknown expectation ${expect}`;
  }
}

function describe(body: Json): string {
  const card = cardOf(body);
  return card ? `card "${cardReadout(card)[0]}"` : `text "${body.text}"`;
}

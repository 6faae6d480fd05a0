import { deu, eng } from 'stopword';
import type { Phase } from '../../../platform/directory/model';
import { compact, fold, stem } from './normalize';
import { typoDistance, typoSimilarity } from './fuzzy';

/**
 * The general German and English words Kümmerer understands. Everything specific to a district (names,
 * projects, fields of action) comes from the directory, never from here.
 */

/**
 * Words that carry no meaning for matching names: the `stopword` package's German and English lists (well
 * kept, with the inflected forms a hand-made list forgets), folded like everything else. A few of its German
 * entries are content words that can be part of a project's name ("offen", "neue", "ordnung", "suche"…);
 * they are kept as words.
 */
const KEEP_AS_WORDS = new Set(
  ['offen', 'neue', 'neuen', 'ordnung', 'mensch', 'menschen', 'gott', 'startseite', 'suche', 'teil', 'zeit', 'tag', 'tage', 'tagen', 'uhr', 'jahr', 'jahre', 'jahren', 'ende', 'sache', 'recht', 'mittel', 'morgen', 'heute', 'gross', 'grosse', 'kleine', 'gut', 'gute', 'weg', 'lang', 'leicht', 'schluss', 'kommen', 'kommt'].map(fold),
);

/** Words that only shape a question ("bitte", "project", "town"): neither names nor unknown terms. */
const FILLERS = new Set(
  [
    'projekt', 'projekte', 'projekten', 'projekts', 'project', 'projects', 'vorhaben', 'bitte', 'please', 'mal', 'eigentlich', 'aktuell',
    'aktuellen', 'aktuelle', 'derzeit', 'momentan', 'currently', 'current', 'gerade', 'genau', 'hallo', 'hi', 'hey', 'moin', 'danke', 'thanks',
    'thank', 'kannst', 'koenntest', 'koennen', 'sagen', 'sag', 'tell', 'show', 'zeig', 'zeige', 'zeigen', 'liste', 'list', 'nenne', 'nennen',
    'gib', 'give', 'wissen', 'weisst', 'know', 'moechte', 'moechten', 'want', 'need', 'brauche', 'benoetige', 'gerne', 'frage',
    'question', 'kommune', 'kommunen', 'gemeinde', 'gemeinden', 'stadt', 'town', 'towns', 'city', 'municipality', 'municipalities',
    'person', 'personen', 'people', 'frau', 'herr', 'herrn', 'mr', 'mrs', 'ms', 'dr', 'gibt', 'alle', 'find', 'finde', 'finden', 'suche',
    'looking', 'anyone', 'jemand', 'somebody', 'someone', 'everything', 'alles', 'team', 'ag', 'arbeitsgruppe', 'group', 'bot', 'kuemmerer',
    'eine', 'einen', 'la', 'hier', 'dort', 'does', 'do', 'did', 'whom', 'whose', 'whats', 'who', 's', 'ist', 'sind', 'laufen', 'gehoert',
    'gehoeren', 'belong', 'belongs', 'listed', 'name', 'names', 'nennt', 'dazu', 'davon', 'bzw', 'etc', 'momentan', 'jetzt', 'now', 'right',
    'there', 'theres', 'any', 'them', 'their', 'im', 'beim', 'vom', 'zum', 'zur', 'ins', 'am', 'of', 'for', 'the', 'in', 'on', 'at', 'ums',
    'ans', 'aufs', 'fuers', 'uebers', 'durchs', 'hinters', 'vors', 'unterm', 'ueberm', 'sowas', 'ding', 'dings', 'thing', 'stuff', 'sache',
    'sachen', 'zeug', 'kram', 'helfen', 'hilfe', 'help', 'steckt', 'dahinter', 'ueberall', 'irgendwie', 'wende', 'wenden', 'turn',
    'ampel', 'ampeln', 'ampelfarbe', 'traffic', 'light', 'lights',
  ].map(fold),
);

const STOP_WORDS = new Set([...deu, ...eng].map(compact).filter((w) => w && !KEEP_AS_WORDS.has(w)));

/** True for words that never name anything (articles, pronouns, auxiliaries, prepositions, question words). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** True for words that shape a question without naming anything ("projects", "town", "please"). */
export function isFiller(word: string): boolean {
  return FILLERS.has(word) || STOP_WORDS.has(word);
}

/**
 * The cue groups that tell what a question asks for. `…Weak` groups only count together with a thing the
 * question names ("wer macht das Bürger-Portal"); the others are strong enough to say "I don't know that
 * project" when the name is unknown.
 */
export type Cue =
  | 'who'
  | 'owner'
  | 'ownerWeak'
  | 'deputy'
  | 'coordinator'
  | 'contact'
  | 'contactWeak'
  | 'list'
  | 'listWeak'
  | 'details'
  | 'detailsWeak'
  | 'reach'
  | 'field'
  | 'fieldWeak'
  | 'participation'
  | 'person'
  | 'municipality';

/**
 * Cue words by group. A trailing `*` matches every word that starts so ("zuständig*" also covers
 * "zuständige", "Zuständigkeit"); other words match exactly or, from six letters on, with a typo. A word may
 * belong to several groups: which one wins depends on what kind of thing the question names.
 */
const CUE_WORDS: Readonly<Record<Cue, readonly string[]>> = {
  who: ['wer', 'wem', 'wen', 'who', 'whom', 'whose', 'whos'],
  owner: [
    'zuständig*', 'verantwort*', 'kümmer*', 'kuemmer*', 'ansprech*', 'betreu*', 'owner*', 'owns', 'responsib*', 'charge', 'projektleit*',
    'federführ*', 'hauptverantwort*', 'kontakt*', 'contact*', 'kuemmerin',
  ],
  ownerWeak: ['leiter', 'leiterin', 'leitung', 'leitet', 'lead', 'leads', 'runs', 'manages', 'manager', 'macht', 'handles', 'look', 'looks', 'care', 'own', 'person'],
  deputy: ['vertret*', 'stellvertret*', 'vertritt', 'deput*', 'substitut*', 'backup', 'vize', 'replacement'],
  coordinator: ['koordin*', 'coordinat*'],
  contact: ['cdo', 'cdos', 'digitalisierungsbeauftragt*', 'digitalbeauftragt*', 'digitalisierungsverantwort*', 'chief', 'officer', 'beauftragt*'],
  contactWeak: ['digitalisierung*', 'digitalisation', 'digitalization', 'lotse', 'lead'],
  list: [
    'projekt*', 'project*', 'vorhaben', 'beteilig*', 'teilnehm*', 'involved', 'participat*', 'mitmach*', 'arbeitet', 'works', 'working', 'woran',
    'wofür', 'federführ*',
  ],
  listWeak: [
    'teil', 'nimmt', 'mit', 'part', 'takes', 'leitet', 'leiten', 'lead', 'leads', 'leading', 'führt', 'welche*', 'which', 'alle', 'all',
    'list*', 'gibt', 'hat', 'has', 'have', 'macht', 'dabei', 'doing', 'eingebunden',
  ],
  details: [
    'detail*', 'info', 'infos', 'information', 'informationen', 'beschreib*', 'stand', 'status', 'überblick', 'übersicht', 'zusammenfass*',
    'summary', 'describe*', 'steckbrief', 'phase', 'stage', 'progress', 'fortschritt',
  ],
  detailsWeak: ['erzähl*', 'erklär*', 'explain', 'tell', 'mehr', 'more', 'about', 'worum', 'steckt'],
  reach: ['erreich*', 'reach', 'email*', 'mail*', 'telefon*', 'anruf*', 'call', 'schreib*', 'chat*', 'kontakt*', 'contact*', 'nachricht', 'message'],
  field: ['handlungsfeld*', 'themenfeld*', 'feld', 'field*', 'categor*', 'kategorie*', 'sachgebiet'],
  fieldWeak: ['bereich*', 'area*', 'thema', 'themen', 'topic*'],
  participation: ['beteilig*', 'teilnehm*', 'participat*', 'involved', 'mitmach*'],
  person: ['frau', 'herr', 'herrn', 'mr', 'mrs', 'ms', 'kollege', 'kollegin', 'colleague'],
  municipality: ['kommune*', 'gemeinde*', 'stadt', 'städte', 'town*', 'city', 'municipalit*', 'ort', 'orte'],
};

interface CuePattern {
  readonly word: string;
  readonly prefix: boolean;
}

const CUE_PATTERNS: Readonly<Record<Cue, readonly CuePattern[]>> = Object.fromEntries(
  Object.entries(CUE_WORDS).map(([cue, list]) => [
    cue,
    list.map((w) => ({ word: fold(w.replace(/\*$/, '')), prefix: w.endsWith('*') })),
  ]),
) as Record<Cue, CuePattern[]>;

/** Cue words tolerate one typo from six letters on (two from ten), and only with the right first letter. */
function matchesPattern(word: string, pattern: CuePattern): boolean {
  if (pattern.prefix && word.startsWith(pattern.word)) return true;
  if (word === pattern.word) return true;
  if (pattern.word.length < 6 || word[0] !== pattern.word[0]) return false;
  const tolerance = pattern.word.length >= 10 ? 2 : 1;
  const candidate = pattern.prefix ? word.slice(0, pattern.word.length) : word;
  if (Math.abs(candidate.length - pattern.word.length) > tolerance) return false;
  return typoDistance(candidate, pattern.word) <= tolerance;
}

/**
 * The patterns by first letter, each list in the order of the cue groups: a word only ever matches patterns that
 * start with its own first letter (prefix, exact and typo matches all require it), so only those are tried.
 */
const PATTERNS_BY_INITIAL: ReadonlyMap<string, readonly (readonly [Cue, readonly CuePattern[]])[]> = (() => {
  const byInitial = new Map<string, [Cue, CuePattern[]][]>();
  for (const [cue, patterns] of Object.entries(CUE_PATTERNS) as [Cue, readonly CuePattern[]][]) {
    for (const pattern of patterns) {
      const groups = byInitial.get(pattern.word[0]!) ?? [];
      byInitial.set(pattern.word[0]!, groups);
      const last = groups[groups.length - 1];
      if (last?.[0] === cue) last[1].push(pattern);
      else groups.push([cue, [pattern]]);
    }
  }
  return byInitial;
})();

/** The cue groups a word belongs to. */
export function cuesOf(word: string): Cue[] {
  const cues: Cue[] = [];
  for (const [cue, patterns] of PATTERNS_BY_INITIAL.get(word[0] ?? '') ?? []) {
    if (patterns.some((p) => matchesPattern(word, p))) cues.push(cue);
  }
  return cues;
}

/** Words for each phase, German and English, as people write them. */
const PHASE_WORDS: Readonly<Record<Phase, readonly string[]>> = {
  idea: ['idee', 'ideen', 'ideenphase', 'ideenstadium', 'idea', 'ideas', 'ideenspeicher'],
  planning: ['planung', 'planungsphase', 'geplant', 'geplante', 'geplanten', 'planned', 'planning', 'vorbereitung', 'konzeption', 'konzeptphase'],
  implementation: [
    'umsetzung', 'umsetzungsphase', 'implementierung', 'implementation', 'implementing', 'implemented', 'realisierung', 'laufend', 'laufende',
    'laufenden', 'progress', 'ongoing', 'running', 'rollout', 'einführung', 'arbeit',
  ],
  done: [
    'abgeschlossen', 'abgeschlossene', 'abgeschlossenen', 'fertig', 'fertige', 'fertigen', 'erledigt', 'erledigte', 'beendet', 'beendete',
    'umgesetzt', 'umgesetzte', 'done', 'finished', 'completed', 'complete', 'closed', 'realisiert', 'abschluss',
  ],
  paused: [
    'pausiert', 'pausierte', 'pausierten', 'pause', 'angehalten', 'ruhend', 'ruhende', 'ruht', 'ruhen', 'gestoppt', 'gestoppte', 'eis', 'paused',
    'hold', 'stopped', 'suspended', 'stalled', 'frozen', 'eingefroren', 'unterbrochen',
  ],
};

const PHASE_LOOKUP: ReadonlyMap<string, Phase> = new Map(
  (Object.entries(PHASE_WORDS) as [Phase, readonly string[]][]).flatMap(([phase, list]) => list.map((w) => [fold(w), phase] as const)),
);

/**
 * Typos are tolerated only in long phase words ("laufen" is not a typo of "laufend"), and at most three
 * (see `typoTolerance`): per length of a written word, the long phase words that can be that far from it, in
 * the order of {@link PHASE_LOOKUP}.
 */
const LONG_PHASE_WORDS_BY_LENGTH: ReadonlyMap<number, readonly (readonly [string, Phase])[]> = (() => {
  const long = [...PHASE_LOOKUP].filter(([known]) => known.length >= 8);
  const byLength = new Map<number, (readonly [string, Phase])[]>();
  for (let length = 8; length <= Math.max(...long.map(([known]) => known.length)) + 3; length++) {
    byLength.set(length, long.filter(([known]) => Math.abs(known.length - length) <= 3));
  }
  return byLength;
})();

/** The phase a word names, if any ("abgeschlossenen" → done, "on hold" → paused). */
export function phaseOf(word: string): Phase | undefined {
  const exact = PHASE_LOOKUP.get(word) ?? PHASE_LOOKUP.get(stem(word));
  if (exact) return exact;
  if (word.length < 8) return undefined;
  for (const [known, phase] of LONG_PHASE_WORDS_BY_LENGTH.get(word.length) ?? []) {
    if (typoSimilarity(word, known) > 0) return phase;
  }
  return undefined;
}

/** What "which projects are …?" asks for: a traffic light of the latest status, or no answer in the latest round. */
export type StatusFilter = 'red' | 'yellow' | 'green' | 'overdue';

/** Words for each, German and English, as people write them ("rote", "überfällig"). */
const STATUS_WORDS: Readonly<Record<StatusFilter, readonly string[]>> = {
  red: ['rot', 'rote', 'roten', 'roter', 'rotes', 'red'],
  yellow: ['gelb', 'gelbe', 'gelben', 'gelber', 'gelbes', 'yellow', 'amber'],
  green: ['grün', 'grüne', 'grünen', 'grüner', 'grünes', 'green'],
  overdue: ['überfällig', 'überfällige', 'überfälligen', 'überfälliges', 'säumig', 'säumige', 'säumigen', 'overdue', 'unanswered'],
};

const STATUS_LOOKUP: ReadonlyMap<string, StatusFilter> = new Map(
  (Object.entries(STATUS_WORDS) as [StatusFilter, readonly string[]][]).flatMap(([status, list]) => list.map((w) => [fold(w), status] as const)),
);

/** The status a word names, if any ("roten" → red, "ueberfaellig" → overdue); exact words only, no typos. */
export function statusOf(word: string): StatusFilter | undefined {
  return STATUS_LOOKUP.get(word);
}

/**
 * General words that point at the district itself (the municipality record of kind `district`), so "wer
 * koordiniert beim Kreis" finds it whatever the district is called.
 */
export const DISTRICT_WORDS: readonly string[] = ['kreis', 'landkreis', 'kreisverwaltung', 'kreisebene', 'district', 'county'];

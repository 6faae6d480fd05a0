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
    'ampel', 'ampeln', 'ampelfarbe', 'traffic', 'light', 'lights', 'besten', 'schnellsten', 'direkt', 'ueberhaupt', 'nochmal', 'vielleicht',
    'ungefaehr', 'best', 'quickly', 'directly', 'exactly', 'again', 'actually', 'maybe',
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
    'federführ*', 'hauptverantwort*', 'kontakt*', 'contact*', 'kuemmerin', 'bescheid', 'hut', 'sprech*', 'spreche', 'talk*', 'speak*', 'ask',
  ],
  ownerWeak: [
    'leiter', 'leiterin', 'leitung', 'leitet', 'lead', 'leads', 'runs', 'manages', 'manager', 'macht', 'handles', 'look', 'looks', 'care', 'own', 'person',
    'working', 'arbeitet', 'arbeiten', 'dran', 'run', 'manage', 'handle', 'work',
  ],
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
    'list*', 'gibt', 'hat', 'has', 'have', 'macht', 'dabei', 'doing', 'eingebunden', 'läuft', 'laeuft', 'laufen', 'passiert', 'happening', 'going',
  ],
  details: [
    'detail*', 'info', 'infos', 'information', 'informationen', 'beschreib*', 'stand', 'status', 'überblick', 'übersicht', 'zusammenfass*',
    'summary', 'describe*', 'steckbrief', 'phase', 'stage', 'progress', 'fortschritt',
  ],
  detailsWeak: ['erzähl*', 'erklär*', 'explain', 'tell', 'mehr', 'more', 'about', 'worum', 'steckt'],
  reach: [
    'erreich*', 'reach', 'email*', 'mail*', 'telefon*', 'anruf*', 'call', 'schreib*', 'chat*', 'kontakt*', 'contact*', 'nachricht', 'message', 'adresse*',
    'address*', 'durchwahl', 'phone',
  ],
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
export function cuesOf(word: string): readonly Cue[] {
  return remembered(cueMemo, word, () => {
    const cues: Cue[] = [];
    for (const [cue, patterns] of PATTERNS_BY_INITIAL.get(word[0] ?? '') ?? []) {
      if (patterns.some((p) => matchesPattern(word, p))) cues.push(cue);
    }
    return cues;
  });
}

/**
 * The answers for words seen before, per word function: the same words come in question after question ("wer",
 * "zuständig", the names of projects), and cue and phase words are looked for with typos. Bounded: emptied when
 * full.
 */
function remembered<T>(memo: Map<string, T>, word: string, compute: () => T): T {
  const known = memo.get(word);
  if (known !== undefined || memo.has(word)) return known as T;
  if (memo.size >= MEMO_SIZE) memo.clear();
  const value = compute();
  memo.set(word, value);
  return value;
}

const MEMO_SIZE = 20_000;
const cueMemo = new Map<string, readonly Cue[]>();
const phaseMemo = new Map<string, Phase | undefined>();

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
  return remembered(phaseMemo, word, () => {
    const exact = PHASE_LOOKUP.get(word) ?? PHASE_LOOKUP.get(stem(word));
    if (exact) return exact;
    if (word.length < 8) return undefined;
    for (const [known, phase] of LONG_PHASE_WORDS_BY_LENGTH.get(word.length) ?? []) {
      if (typoSimilarity(word, known) > 0) return phase;
    }
    return undefined;
  });
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
export const DISTRICT_WORDS: readonly string[] = ['kreis', 'landkreis', 'kreisverwaltung', 'kreisebene', 'landratsamt', 'kreishaus', 'district', 'county'];

/**
 * Phase words that name a phase only after a certain word ("auf Eis", "on hold", "in Arbeit"): alone, "Eis",
 * "hold" and "arbeiten" mean something else.
 */
export const PHASE_WORDS_AFTER: ReadonlyMap<string, string> = new Map([
  ['eis', 'auf'],
  ['hold', 'on'],
  ['arbeit', 'in'],
]);

/** Words that are verbs where they stand, not names: "weiß" in „Wer weiß Bescheid?“ is not Mr Weiß. */
export function isVerbHere(words: readonly string[], i: number): boolean {
  return (words[i] === 'weiss' || words[i] === 'weis') && ['wer', 'ich', 'man', 'er', 'sie', 'jemand', 'wers'].includes(words[i - 1] ?? '');
}

/** Words that turn a question into "how many": „wie viele“, "how many", „Anzahl“. */
export function asksForCount(words: readonly string[]): boolean {
  return words.some(
    (w, i) =>
      w === 'wieviele' ||
      w === 'anzahl' ||
      w === 'count' ||
      ((w === 'viele' || w === 'viel') && words[i - 1] === 'wie') ||
      ((w === 'many' || w === 'much') && words[i - 1] === 'how') ||
      (w === 'number' && words[i + 1] === 'of'),
  );
}

/** Words that say something is missing („ohne Kümmerer“, „keine Vertretung“, "no owner", „fehlt“). */
const NEGATIONS = new Set(
  ['kein', 'keine', 'keinen', 'keiner', 'keinem', 'ohne', 'without', 'no', 'nobody', 'niemand', 'niemanden', 'none', 'not', 'nicht', 'fehlt', 'fehlen', 'fehlende', 'fehlenden', 'missing', 'lacks', 'lack', 'lacking', 'unbesetzt', 'unassigned', 'verwaist', 'orphaned', 'herrenlos', 'unowned'].map(fold),
);

/** True for a word that says something is missing. */
export function isNegation(word: string): boolean {
  return NEGATIONS.has(word);
}

/** Words on their own that say a project has nobody ("unassigned", „verwaist“). */
export const NOBODY_WORDS: ReadonlySet<string> = new Set(['unbesetzt', 'unassigned', 'verwaist', 'orphaned', 'herrenlos', 'unowned']);

/** Words that ask for what a municipality leads, not what it merely takes part in. */
const LEAD_WORDS = new Set(['leitet', 'leiten', 'leite', 'federfuehrend', 'federfuehrende', 'federfuehrung', 'federfuehrt', 'lead', 'leads', 'leading', 'led', 'fuehrt', 'fuehren', 'leitung']);

export function isLeadWord(word: string): boolean {
  return LEAD_WORDS.has(word);
}

/** Words that ask what two municipalities or people have in common. */
const SHARED_WORDS = new Set(['gemeinsam', 'gemeinsame', 'gemeinsamen', 'zusammen', 'together', 'share', 'shared', 'sharing', 'common', 'both', 'beide', 'beiden', 'jointly']);

export function isSharedWord(word: string): boolean {
  return SHARED_WORDS.has(word);
}

/** Words joining two names into "both" („Ahaus und Gescher“); "oder"/"or" joins alternatives instead. */
export const AND_WORDS: ReadonlySet<string> = new Set(['und', 'and', 'sowie', 'plus', 'mit', 'with']);

/**
 * What a short follow-up refers back to: the list answered last („Welche davon …?“, "of those"), a person
 * („Wie erreiche ich sie?“), a place („Wer ist dort zuständig?“) or whatever was asked about last („Wer kümmert
 * sich darum?“, "who owns it?").
 */
export type BackReference = 'list' | 'person' | 'place' | 'thing';

const BACK_REFERENCES: ReadonlyMap<string, BackReference> = new Map([
  ...['davon', 'darunter', 'thereof'].map((w) => [w, 'list'] as const),
  ...['sie', 'er', 'ihn', 'ihm', 'ihr', 'ihnen', 'she', 'he', 'him', 'her', 'they', 'them'].map((w) => [w, 'person'] as const),
  ...['dort', 'dorthin', 'dortigen', 'dortige', 'there', 'da'].map((w) => [w, 'place'] as const),
  ...['es', 'das', 'it', 'that', 'this', 'dazu', 'darum', 'daran', 'darueber', 'dafuer', 'dabei', 'dessen', 'deren', 'its', 'dieses', 'diesem', 'dies'].map((w) => [w, 'thing'] as const),
]);

/** True for a word that refers back on its own ("davon", "sie", "dort", "das"). */
export function isBackReference(word: string): boolean {
  return BACK_REFERENCES.has(word);
}

/** What the words refer back to, strongest first: a list ("davon", "of those") over a person, a place, a thing. */
export function backReferences(words: readonly string[]): BackReference[] {
  const found = new Set<BackReference>();
  words.forEach((w, i) => {
    if (isIdiom(words, i)) return;
    const reference = BACK_REFERENCES.get(w);
    if (reference) found.add(reference);
    if ((w === 'those' || w === 'them' || w === 'these') && (words[i - 1] === 'of' || words[i - 1] === 'among')) found.add('list');
    if (w === 'ones' && (words[i - 1] === 'which' || words[i - 1] === 'what')) found.add('list');
  });
  return (['list', 'person', 'place', 'thing'] as const).filter((r) => found.has(r));
}

/** "es" in „gibt es“ and "there" in "are there" refer to nothing. */
function isIdiom(words: readonly string[], i: number): boolean {
  const [before, word, after] = [words[i - 1], words[i], words[i + 1]];
  if (word === 'es') return before === 'gibt' || after === 'gibt' || before === 'geht' || after === 'geht';
  // "Which projects are there?" at the end of a question asks about the place talked about.
  if (word === 'there' && after === undefined && (words[0] === 'which' || words[0] === 'what')) return false;
  if (word === 'there') return ['is', 'are', 'was', 'were', 's'].includes(before ?? '') || ['is', 'are', 's'].includes(after ?? '');
  return false;
}

/** Words that open a follow-up („und Ahaus?“, "what about Ahaus?", „und die Vertretung?“). */
export function opensFollowUp(words: readonly string[]): boolean {
  const [first, second] = words;
  return first === 'und' || first === 'and' || first === 'auch' || first === 'also' || first === 'sowie' || ((first === 'what' || first === 'how') && second === 'about');
}

/** Roles of the directory a question can ask for by their names („Wer ist Trendscout?“, "who are the admins?"). */
const ROLE_WORDS: Readonly<Record<'scout' | 'admin' | 'member', readonly string[]>> = {
  scout: ['trendscout*', 'scout', 'scouts', 'scouting', 'trendscouting'],
  admin: ['admin', 'admins', 'administrator', 'administratoren', 'administrators', 'administratorin', 'administratorinnen'],
  member: ['mitglied', 'mitglieder', 'mitgliedern', 'member', 'members'],
};

const ROLE_PATTERNS = (Object.entries(ROLE_WORDS) as ['scout' | 'admin' | 'member', readonly string[]][]).flatMap(([role, list]) =>
  list.map((w) => ({ role, word: w.replace(/\*$/, ''), prefix: w.endsWith('*') })),
);

/** The role a word names among those that have no cue group of their own (scouts, admins, members). */
export function roleOf(word: string): 'scout' | 'admin' | 'member' | undefined {
  return ROLE_PATTERNS.find((p) => (p.prefix ? word.startsWith(p.word) : word === p.word))?.role;
}

/**
 * Roles the directory does not keep: offices of a town hall and their English names. Asked for one („Wer ist der
 * Bürgermeister von Ahaus?“), Kümmerer says which roles it knows and names nobody.
 */
const OTHER_ROLES = new Set(
  [
    'bürgermeister', 'bürgermeisterin', 'oberbürgermeister', 'oberbürgermeisterin', 'landrat', 'landrätin', 'kämmerer', 'kämmerin', 'amtsleiter',
    'amtsleiterin', 'stadtdirektor', 'stadtdirektorin', 'gemeindedirektor', 'beigeordneter', 'beigeordnete', 'dezernent', 'dezernentin',
    'pressesprecher', 'pressesprecherin', 'sprecher', 'sprecherin', 'wirtschaftsförderer', 'wirtschaftsförderin', 'personalrat', 'hausmeister',
    'ratsmitglied', 'ratsmitglieder', 'fraktionsvorsitzender', 'fraktionsvorsitzende', 'chef', 'chefin', 'boss', 'mayor', 'mayors', 'treasurer',
    'councillor', 'councilor', 'councillors', 'clerk', 'spokesperson', 'director', 'ceo', 'cio', 'cto', 'ciso', 'dpo', 'headmaster', 'principal',
    'klimaschutzmanager', 'klimaschutzmanagerin', 'citymanager', 'citymanagerin', 'stadtbaurat', 'stadtbaurätin',
  ].map(fold),
);
/** Endings of German office names („Datenschutzbeauftragte“, „IT-Leiter“, „Bauamtsleiterin“). */
const OTHER_ROLE_ENDINGS = ['beauftragte', 'beauftragter', 'beauftragten', 'leiter', 'leiterin', 'meister', 'meisterin', 'direktor', 'direktorin', 'referent', 'referentin'];
/** Office names ending so that are the directory's own (a CDO is a „Digitalisierungsbeauftragter“). */
const OWN_ROLE_WORDS = ['digital', 'digitalisierung', 'projektleit', 'cdo'];

/** True for a word naming an office the directory does not keep. */
export function isOtherRole(word: string): boolean {
  if (OTHER_ROLES.has(word)) return true;
  if (OWN_ROLE_WORDS.some((w) => word.startsWith(w))) return false;
  return word.length > 8 && OTHER_ROLE_ENDINGS.some((ending) => word.endsWith(ending) && word.length > ending.length + 2);
}

/** English office names of two words ("head of IT" is one office, "data protection officer" another). */
export function otherRolePhrase(words: readonly string[], at: number): number {
  const [a, b, c] = [words[at], words[at + 1], words[at + 2]];
  if (a === 'head' && b === 'of') return 3;
  if (b === 'officer' && a !== 'chief' && a !== 'digital' && a !== 'digitalisation' && a !== 'digitalization') return 2;
  if (c === 'officer' && b === 'protection') return 3;
  if (a === 'it' && (b === 'manager' || b === 'lead' || b === 'leiter' || b === 'leiterin')) return 2;
  return 0;
}

/** Words before a name that say what it is about („Projekte zu Parken“, "projects about education"). */
export const TOPIC_WORDS: ReadonlySet<string> = new Set(['zu', 'zum', 'zur', 'about', 'ueber', 'regarding', 'concerning', 'related', 'thema', 'themen', 'topic', 'rund', 'bezug', 'on']);

/** German and English words that show which language a question is written in. */
const GERMAN_ONLY = new Set(
  [...deu.map(compact), 'projekte', 'projekt', 'projekten', 'zustaendig', 'kuemmert', 'gemeinsam', 'bitte', 'vertretung', 'welche', 'wieviele', 'erreiche', 'verantwortlich', 'beteiligt', 'stand', 'leitet', 'woran', 'betreut', 'abgeschlossen', 'kommune', 'gemeinde', 'handlungsfeld'].filter(Boolean),
);
const ENGLISH_ONLY = new Set(
  [
    ...eng.map(compact), 'projects', 'project', 'owns', 'owner', 'responsible', 'deputy', 'please', 'tell', 'show', 'list', 'anyone', 'working', 'she', 'without',
    'nobody', 'together', 'many', 'lead', 'leads', 'talk', 'should', 'reach', 'town', 'municipality', 'field', 'finished', 'paused', 'planning', 'handles',
    'runs', 'manages', 'looks', 'takes', 'care', 'charge', 'works', 'share', 'coordinates', 'contact',
  ].filter(Boolean),
);
for (const shared of [...GERMAN_ONLY].filter((w) => ENGLISH_ONLY.has(w))) {
  GERMAN_ONLY.delete(shared);
  ENGLISH_ONLY.delete(shared);
}

/**
 * The language a question is written in, from its question words, articles and cue words (names do not count:
 * pass only the words that name nothing): German or English when one clearly outnumbers the other, else
 * undefined (then the Teams client's language applies).
 */
export function languageOf(words: readonly string[]): 'de' | 'en' | undefined {
  let german = 0;
  let english = 0;
  for (const w of words) {
    // Single letters ("e" of "e-invoicing", "s" of "who's") belong to no language.
    if (w.length < 2) continue;
    if (GERMAN_ONLY.has(w)) german++;
    else if (ENGLISH_ONLY.has(w)) english++;
  }
  if (german > english) return 'de';
  if (english > german) return 'en';
  return undefined;
}

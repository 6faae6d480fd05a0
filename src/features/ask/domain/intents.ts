import { PHASES, type Phase } from '../../../platform/directory/model';
import { INTENT_KIND, SUGGESTION_INTENT, type AskIntent, type Candidate, type ProjectQuery, type Question } from './answers';
import { stem, tokenize, words, type Token } from './normalize';
import { SYNONYM, type DirectoryIndex, type EntityKind, type EntityMatch, type IndexedEntity } from './search-index';
import {
  AND_WORDS,
  asksForCount,
  backReferences,
  cuesOf,
  DISTRICT_WORDS,
  isFiller,
  isLeadWord,
  isNegation,
  isOtherRole,
  isSharedWord,
  isStopWord,
  isVerbHere,
  isBackReference,
  languageOf,
  NOBODY_WORDS,
  opensFollowUp,
  otherRolePhrase,
  PHASE_WORDS_AFTER,
  phaseOf,
  roleOf,
  statusOf,
  TOPIC_WORDS,
  type BackReference,
  type Cue,
  type StatusFilter,
} from './vocabulary';

/** A match at least this good names an entity. */
const ACCEPT = 0.6;
/** Matches this close to the best one fit "about equally": the user is asked to choose. */
const AMBIGUITY_MARGIN = 0.08;
/** A weaker match may still be offered: as a choice when nothing else is in the question, … */
const WEAK = 0.3;
/** … or as "did you mean" beside "I don't know". */
const SUGGEST = 0.45;
const MAX_CANDIDATES = 5;
/** A weak candidate is meant only if it covers this much of its name (or finds each unknown word as a synonym does). */
const WELL_COVERED = 0.5;
/** A partial match this good is not undone by an unknown word next to it. */
const NEARLY_COMPLETE = 0.66;

/** What the question names, per kind: one, several joined by "and" („Ahaus und Gescher“), one of several, or none. */
type Resolution =
  | { readonly status: 'found'; readonly match: EntityMatch }
  | { readonly status: 'several'; readonly matches: readonly EntityMatch[] }
  | { readonly status: 'ambiguous'; readonly matches: readonly EntityMatch[] }
  | { readonly status: 'none'; readonly weak: readonly EntityMatch[] };

/** Everything the intent rules (and the follow-up rules in `follow-up.ts`) look at. */
export interface QuestionFacts {
  readonly cues: ReadonlySet<Cue>;
  readonly resolved: Readonly<Record<EntityKind, Resolution>>;
  /** The first phase named; {@link phases} has all of them. */
  readonly phase: Phase | undefined;
  readonly phases: readonly Phase[];
  /** "How many …?" */
  readonly count: boolean;
  /** Projects without an owner or a deputy („ohne Kümmerer“, "no deputy"). */
  readonly gap: 'owner' | 'deputy' | undefined;
  /** A word asking for what a municipality leads („leitet“, "lead"), not what it takes part in. */
  readonly lead: boolean;
  /** A word for the owner as such („Kümmerer“, „Verantwortlicher“, "owner", „leitet“): with a person, where they own. */
  readonly asOwner: boolean;
  /** A word asking for what several have in common („gemeinsam“, "together"). */
  readonly shared: boolean;
  /** A role of the directory named by a word without a cue group: scouts, admins, members. */
  readonly role: 'scout' | 'admin' | 'member' | undefined;
  /** An office the directory does not keep, as written („Bürgermeister“), or ''. */
  readonly otherRole: string;
  /** What the question refers back to ("davon", "sie", "dort", "das"). */
  readonly backReferences: readonly BackReference[];
  /** It opens like a follow-up („und …?“, "what about …?"). */
  readonly opensFollowUp: boolean;
  /** It asks what, not who („Was macht …?“, "What does … do?"). */
  readonly asksWhat: boolean;
  /** It asks for projects about something („Projekte zu …“, "projects about …"). */
  readonly topic: boolean;
  /** The language its words are written in, if clear. */
  readonly language: 'de' | 'en' | undefined;
  /** A traffic light or "overdue" asked for ("Welche Projekte sind rot?"), from words no entity claims. */
  readonly status: StatusFilter | undefined;
  /** Words that neither name something known nor shape the question, as written ("Wasserstoff"). */
  readonly unknownTerm: string;
  /** True when some such word is not even partly like a known name. */
  readonly hasUnexplained: boolean;
  /** Positions of the words behind {@link unknownTerm}. */
  readonly unclaimed: readonly number[];
  /** The unknown words look like a person's name (a "Frau"/"Mr" before them, or two capitalised words). */
  readonly termLooksLikePerson: boolean;
  /** The unknown words follow "in", "aus", "from" … (a place). */
  readonly termLooksLikePlace: boolean;
  /** The unknown words follow "Projekt" / "project", or "zu" / "about" (a topic). */
  readonly termAfterProjectWord: boolean;
  /** The words of the question the projects it names were found by, as written ('' when none). */
  readonly projectTerm: string;
  /** A plural word for projects ("Projekte", "projects"): the question asks for a list. */
  readonly projectsAsked: boolean;
  /** The projects it names were found only on words right before "Projekte" ("Klimaprojekte"): a topic. */
  readonly projectOnQualifier: boolean;
}

/** What a question is, before it is answered. */
export type Interpretation =
  | { readonly kind: 'answer'; /** The rule that decided (an intent of the table, 'gap', 'role', 'topic' …), for logs. */ readonly rule: string; readonly question: Question }
  | { readonly kind: 'ambiguous'; readonly intent: AskIntent; readonly candidates: readonly Candidate[] }
  | {
      readonly kind: 'unknown';
      readonly entityKind: EntityKind;
      readonly term: string;
      readonly suggestions: readonly Candidate[];
      /** What was asked of the unknown name, so that „und …?“ asks the same of a known one. */
      readonly intent?: AskIntent;
    }
  | { readonly kind: 'unknownRole'; readonly term: string; readonly municipality?: string }
  | { readonly kind: 'none' };

/** A question read on its own, with what a follow-up needs to read it against the conversation's context. */
export interface Reading {
  /** What the question means on its own. */
  readonly alone: Interpretation;
  readonly facts: QuestionFacts;
  /**
   * It may continue the previous question: it refers back („davon“, „sie“, „dort“), opens like a follow-up
   * („und …?“), asks something without naming what about, or names something without asking anything.
   */
  readonly mayFollowUp: boolean;
}

/**
 * The intent table, tried in order: the first rule whose condition holds and whose entity the question names
 * answers. To teach Kümmerer a new question, add a row (and its answer in `ask-service.ts`).
 */
interface IntentRule {
  /** Its entity, if any, is of the kind {@link INTENT_KIND} gives. */
  readonly intent: AskIntent;
  when(facts: QuestionFacts, index: DirectoryIndex): boolean;
}

const has = (facts: QuestionFacts, ...cues: Cue[]) => cues.some((c) => facts.cues.has(c));
const names = (facts: QuestionFacts, kind: EntityKind) => facts.resolved[kind].status !== 'none';
const isDistrict = (facts: QuestionFacts, index: DirectoryIndex) => {
  const m = facts.resolved.municipality;
  return m.status === 'found' && index.municipality(m.match.entity.id)?.kind === 'district';
};

function personAsked(facts: QuestionFacts): boolean {
  const person = facts.resolved.person;
  if (person.status !== 'found' || person.match.complete) return true;
  if (has(facts, 'person', 'reach') || !has(facts, 'owner', 'deputy', 'details')) return true;
  // "Für welche Projekte ist Weiß zuständig?" asks about the person; with an unknown name beside it, it does not.
  return has(facts, 'list', 'listWeak') && !facts.unknownTerm;
}

/** The intent table (see {@link IntentRule}); the index is only asked whether a municipality is the district. */
const INTENT_RULES: readonly IntentRule[] = [
  // "Welche Projekte sind rot?", "which projects are overdue?" (optionally of a municipality, see decide).
  { intent: 'statusProjects', when: (f) => f.status !== undefined && !names(f, 'project') && !has(f, 'deputy', 'coordinator') },
  { intent: 'deputy', when: (f) => has(f, 'deputy') },
  {
    intent: 'coordinators',
    when: (f, index) =>
      has(f, 'coordinator') && !names(f, 'project') && !names(f, 'person') && (names(f, 'municipality') ? isDistrict(f, index) : !(f.unknownTerm && f.termLooksLikePlace)),
  },
  // "Projekte im Bereich Tourismus": a field of action asked for as such wins over a project sharing its word.
  {
    intent: 'fieldProjects',
    when: (f) => has(f, 'field', 'fieldWeak') && !has(f, 'owner', 'deputy', 'who') && !names(f, 'municipality') && !names(f, 'person'),
  },
  // "Welche Kommune leitet …?", "Wer ist an … beteiligt?": the details name lead and participants.
  { intent: 'projectDetails', when: (f) => (has(f, 'municipality') && !has(f, 'who')) || (has(f, 'participation') && !has(f, 'owner')) },
  // "Was macht das Projekt X?" asks what it does, "Wer macht X?" who does it.
  { intent: 'owner', when: (f) => (has(f, 'owner', 'who', 'reach', 'contact') || (has(f, 'ownerWeak') && !f.asksWhat)) && !has(f, 'details') },
  { intent: 'projectDetails', when: () => true },
  // A lone last name in a question about a project's owner ("ich weiß nicht, wer …") is no question about a person.
  { intent: 'personProjects', when: (f) => personAsked(f) },
  {
    intent: 'municipalityProjects',
    when: (f) =>
      has(f, 'list') ||
      f.phase !== undefined ||
      ((names(f, 'field') || has(f, 'listWeak')) && !has(f, 'who', 'contact', 'owner', 'coordinator')) ||
      // „Was machen Ahaus und Gescher gemeinsam?“: what several towns share is a list of projects.
      (f.shared && f.resolved.municipality.status === 'several' && !has(f, 'who', 'contact', 'coordinator')),
  },
  { intent: 'municipalityContact', when: () => true },
  // A field named by a word of its name only, in a question about a project's details or owner ("the smart bin
  // project" is not the field „Smart Region“): no list of the field.
  { intent: 'fieldProjects', when: (f) => !has(f, 'details', 'owner', 'who') || f.resolved.field.status !== 'found' || f.resolved.field.match.complete },
  { intent: 'phaseProjects', when: (f) => f.phase !== undefined },
  { intent: 'cdos', when: (f) => has(f, 'contact') && !f.unknownTerm },
  { intent: 'coordinators', when: (f) => has(f, 'coordinator') && !f.unknownTerm },
];

/** Words before a name that say it is a place. */
const PLACE_WORDS = new Set(['in', 'aus', 'im', 'from', 'at', 'stadt', 'gemeinde', 'kommune', 'town', 'municipality', 'city']);
/** The first word of many places' names („Bad Sülzbach“, „Sankt Augustin“) and the words inside them („Neustadt am Wald“). */
const PLACE_PREFIXES = new Set(['bad', 'sankt', 'st', 'gross', 'klein', 'ober', 'unter', 'nieder', 'hohen']);
const PLACE_LINKS = new Set(['am', 'an', 'im', 'ob', 'bei', 'upon', 'on', 'der', 'dem']);
const PERSON_WORDS = new Set(['frau', 'herr', 'herrn', 'mr', 'mrs', 'ms', 'dr', 'kollege', 'kollegin', 'colleague']);

/**
 * Works out what a question asks on its own: its cue words, the entities it names (with typos, aliases and
 * partial names), phases, filters and what is left over. Deterministic: the same directory and text give the
 * same result.
 */
export function readQuestion(text: string, index: DirectoryIndex): Reading {
  const clipped = text.slice(0, 500);
  const facts = gatherFacts(clipped, splitProjectCompounds(tokenize(clipped)), index);
  const alone = decide(facts, index);
  return { alone, facts, mayFollowUp: mayFollowUp(facts, alone) };
}

/** What a question means on its own (see {@link readQuestion}). */
export function interpret(text: string, index: DirectoryIndex): Interpretation {
  return readQuestion(text, index).alone;
}

/** Endings of German words after which a compound's linking "s" goes ("Verwaltungs-", "Mobilitäts-", "Sicherheits-"). */
const LINKING_S = ['ungs', 'heits', 'keits', 'ions', 'taets', 'itaets', 'schafts', 'lings'];

/**
 * "Bildungsprojekte", "Mobilitätsprojekte": a compound of a word and "Projekt(e)" asks for the projects of that
 * word (a field of action, a topic). It becomes two words, the first without its linking "s", so that the first
 * can name a field of action ("Bildung") like any other word.
 */
function splitProjectCompounds(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token) => {
    const match = /^(.{3,}?)(projekte|projekten|projekts|projekt)$/.exec(token.folded);
    const at = token.raw.toLocaleLowerCase('de-DE').lastIndexOf('projekt');
    if (!match || at <= 0) return [token];
    let prefix = match[1]!;
    let rawPrefix = token.raw.slice(0, at);
    if (LINKING_S.some((ending) => prefix.endsWith(ending))) {
      prefix = prefix.slice(0, -1);
      rawPrefix = rawPrefix.slice(0, -1);
    }
    return [
      { folded: prefix, raw: rawPrefix, start: token.start, end: token.start + rawPrefix.length },
      { folded: match[2]!, raw: token.raw.slice(at), start: token.start + at, end: token.end },
    ];
  });
}

/** What a bare name (a command's argument) names among the entities of one kind. */
type NameResolution =
  | { readonly kind: 'found'; readonly entity: IndexedEntity }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Candidate[] }
  | { readonly kind: 'unknown'; readonly suggestions: readonly Candidate[] };

/**
 * Which entity of one kind a name written after a command names (`Status melden eakte`, `Verlauf Bürger App`):
 * the same matching as questions — typos, aliases, partial names, umlauts written out — without looking for
 * cue words or other kinds of entity. Several about equally good, or a weak match that covers every word,
 * are offered as a choice; otherwise the weak ones are suggestions.
 */
export function resolveName(text: string, index: DirectoryIndex, kind: EntityKind): NameResolution {
  const facts = gatherFacts(text.slice(0, 500), tokenize(text.slice(0, 500)), index, kind);
  const resolution = facts.resolved[kind];
  if (resolution.status === 'found') return { kind: 'found', entity: resolution.match.entity };
  if (resolution.status === 'ambiguous' || resolution.status === 'several') return { kind: 'ambiguous', candidates: resolution.matches.map(toCandidate) };
  const weak = weakAnswer(facts, resolution.weak);
  if (weak.kind === 'one') return { kind: 'found', entity: weak.match.entity };
  return weak.kind === 'choose' ? { kind: 'ambiguous', candidates: weak.candidates } : { kind: 'unknown', suggestions: weak.suggestions };
}

/**
 * Nothing named well enough: weak candidates become a choice only if each covers every unknown word ("App"
 * may be either app, but "Bürger-Portal" is not a project whose title has "Bürger" nor one whose alias has
 * "Portal"); a single one that does is meant (never a choice of one). Otherwise the better ones are "did you
 * mean" suggestions.
 */
function weakAnswer(
  facts: QuestionFacts,
  weak: readonly EntityMatch[],
): { kind: 'choose'; candidates: Candidate[] } | { kind: 'one'; match: EntityMatch } | { kind: 'suggest'; suggestions: Candidate[] } {
  // Each unknown word found, and either well (exactly, by stem, as a synonym), as a good part of the name or on
  // several words: a typo of one word of a longer name ("Moorbad" for „Moorland-App“) is too little to name it.
  const enough = (m: EntityMatch) => m.coverage >= WELL_COVERED || m.positions.size >= 2 || facts.unclaimed.every((p) => m.positions.get(p)! >= SYNONYM);
  const covering = weak.filter((m) => facts.unclaimed.every((p) => m.positions.has(p)) && enough(m));
  if (!facts.hasUnexplained && covering.length > 0 && facts.unknownTerm) {
    return covering.length === 1 ? { kind: 'one', match: covering[0]! } : { kind: 'choose', candidates: covering.map(toCandidate) };
  }
  return { kind: 'suggest', suggestions: weak.filter((m) => m.score >= SUGGEST).slice(0, 3).map(toCandidate) };
}

/** `only`: consider entities of this kind alone (a name after a command). */
function gatherFacts(text: string, tokens: readonly Token[], index: DirectoryIndex, only?: EntityKind): QuestionFacts {
  const stopWords = new Set<number>();
  const content = new Set<number>();
  const phases: Phase[] = [];
  const words = tokens.map((t) => t.folded);
  // "about" in "what about …?" opens a follow-up; it does not ask for details.
  const tokenCues = tokens.map((token, i) => (token.folded === 'about' && (words[i - 1] === 'what' || words[i - 1] === 'how') ? [] : cuesOf(token.folded)));
  // "Tell me about …", „Erzähl mir von …“ asks for details as plainly as "details": an unknown name after it is
  // "I don't know that project", not a question Kümmerer does not understand.
  for (const at of tellsAbout(words)) tokenCues[at] = [...tokenCues[at]!, 'details'];
  // Offices the directory does not keep ("Bürgermeister", "head of IT") are no names to look for.
  const otherRoleAt = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) {
    const phrase = otherRolePhrase(words, i);
    if (phrase > 0) otherRoleAt.set(i, phrase);
    else if (isOtherRole(words[i]!)) otherRoleAt.set(i, 1);
  }
  const inOtherRole = new Set([...otherRoleAt].flatMap(([at, length]) => Array.from({ length }, (_, k) => at + k)));
  const negatedPhases: Phase[] = [];
  tokens.forEach((token, i) => {
    const wordPhase = phaseOf(token.folded);
    const tokenPhase = wordPhase && phaseAt(words, i, wordPhase);
    // „noch nicht abgeschlossen“, "not finished yet": every phase but that one.
    const negated = tokenPhase && (NOT_WORDS.has(words[i - 1] ?? '') || NOT_WORDS.has(words[i - 2] ?? ''));
    if (tokenPhase && negated) negatedPhases.push(tokenPhase);
    else if (tokenPhase && !phases.includes(tokenPhase)) phases.push(tokenPhase);
    if (isStopWord(token.folded) || isVerbHere(words, i)) stopWords.add(i);
    else if (!isFiller(token.folded) && tokenCues[i]!.length === 0 && !wordPhase && !statusOf(token.folded) && !isQuestionWord(words, i) && !inOtherRole.has(i)) {
      content.add(i);
    }
  });
  if (phases.length === 0 && negatedPhases.length > 0) phases.push(...PHASES.filter((p) => !negatedPhases.includes(p)));
  const phase = phases[0];

  // A word right after "Frau", "Herr", "Mr" … names a person, whatever else it looks like ("Frau Schulze").
  const personOnly = new Set<number>();
  tokens.forEach((t, i) => {
    if (PERSON_WORDS.has(t.folded) && i + 1 < tokens.length) personOnly.add(i + 1);
  });
  // Matches below WEAK play no part in what follows.
  const matches: EntityMatch[] = [];
  const ofKind: Record<EntityKind, EntityMatch[]> = { project: [], municipality: [], person: [], field: [] };
  // "der Kreis und Coesfeld" are two names, not the words of „Kreis Coesfeld“ found apart: an entity found on
  // both sides of a separator its name does not have is looked for in each part of the question on its own.
  // "and" inside a phrase of the vocabulary ("lost and found") separates nothing.
  const inPhrase = (i: number) => i > 0 && i + 1 < tokens.length && index.isPhrase(words[i - 1]! + words[i]! + words[i + 1]!);
  const separators = tokens.flatMap((t, i) => ((SEPARATOR_WORDS.has(t.folded) && !inPhrase(i)) || (i > 0 && text.slice(tokens[i - 1]!.end, t.start).includes(',')) ? [i] : []));
  let found = index.match(tokens, stopWords, content, WEAK);
  if (separators.length > 0) {
    const spanning = found.filter((m) => spansSeparator(m, separators, tokens));
    if (spanning.length > 0) {
      const parts = matchInParts(index, tokens, separators, stopWords, content, new Set(spanning.map((m) => m.entity)));
      found = [...found.filter((m) => !spanning.includes(m)), ...parts].sort((a, b) => b.score - a.score);
    }
  }
  for (const m of found) {
    if ((only && m.entity.kind !== only) || (m.entity.kind !== 'person' && personOnly.size > 0 && anyPosition(m, personOnly))) continue;
    matches.push(m);
    ofKind[m.entity.kind].push(m);
  }
  const byKind = (kind: EntityKind) => ofKind[kind];
  const contentOrder = tokens.map((_, i) => i).filter((i) => !stopWords.has(i));
  const explainedByAny = new Set<number>();
  for (const m of matches) if (m.score >= 0.3) m.positions.forEach((_, p) => explainedByAny.add(p));
  const unexplained = [...content].filter((p) => !explainedByAny.has(p));
  // Next to a name, a word only weakly like some other name still makes it a different name ("Bürger-Portal").
  const explainedWell = new Set<number>();
  for (const m of matches) if (m.score >= ACCEPT) m.positions.forEach((_, p) => explainedWell.add(p));
  const unknownNeighbours = [...content].filter((p) => !explainedWell.has(p));

  const resolved = {} as Record<EntityKind, Resolution>;
  const joinedByAnd = (a: EntityMatch, b: EntityMatch) => joinedByAndWord(a, b, tokens, text);
  for (const kind of ['project', 'municipality', 'person', 'field'] as const) {
    const unknownSet = new Set(unknownNeighbours);
    const candidates = byKind(kind).filter((m) => !joinedToUnknown(m, unknownSet, tokens, text));
    resolved[kind] = resolve(candidates, content, unknownNeighbours, contentOrder, joinedByAnd);
  }

  // "Bildungsprojekte", "climate projects": a word right before "projects" that names a field of action means the
  // field, even where it also matches a project's name ("climate" is a word of „CO2-Bilanz“ too).
  // So does a word right after "about", „zu“, „zum Thema“ … in a question about projects ("projects about climate").
  const asksProjects = words.some((w) => PLURAL_PROJECT_WORDS.has(w));
  const afterTopicWord = (i: number) => TOPIC_WORDS.has(words[i - 1] ?? '') || (stopWords.has(i - 1) && TOPIC_WORDS.has(words[i - 2] ?? ''));
  const qualifiers = new Set(words.flatMap((w, i) => [...(i > 0 && PLURAL_PROJECT_WORDS.has(w) ? [i - 1] : []), ...(asksProjects && afterTopicWord(i) && !stopWords.has(i) ? [i] : [])]));
  const onQualifiers = (r: Resolution) => r.status !== 'none' && matchesOf(r).every((m) => [...m.positions.keys()].every((p) => qualifiers.has(p)));
  const fieldByQualifier = onQualifiers(resolved.field) ? resolved.field : undefined;
  if (fieldByQualifier && onQualifiers(resolved.project)) resolved.project = { status: 'none', weak: [] };
  dropOutmatched(resolved);
  resolved.person = titledNamesake(resolved.person, words);
  if (fieldByQualifier) resolved.field = fieldByQualifier;

  const claimed = new Set<number>();
  for (const r of Object.values(resolved)) {
    if (r.status === 'found') r.match.positions.forEach((_, p) => claimed.add(p));
    if (r.status === 'ambiguous' || r.status === 'several') r.matches.forEach((m) => m.positions.forEach((_, p) => claimed.add(p)));
  }
  // A word that is part of a name found ("Chatportal", "Informationsdienst") is not a cue word.
  const cues = new Set<Cue>();
  tokenCues.forEach((tokenCue, i) => {
    if (!claimed.has(i)) tokenCue.forEach((c) => cues.add(c));
  });
  const unclaimed = [...content].filter((p) => !claimed.has(p)).sort((a, b) => a - b);
  const status = tokens.map((t, i) => (claimed.has(i) ? undefined : statusOf(t.folded))).find(Boolean);
  // The unknown term: the first run of unclaimed words (stop words may stand inside it, as in "Haus der Kultur").
  const first = unclaimed[0];
  let last = first;
  if (first !== undefined) {
    const unclaimedSet = new Set(unclaimed);
    for (let i = first + 1; i < tokens.length; i++) {
      if (unclaimedSet.has(i)) last = i;
      else if (!stopWords.has(i)) break;
    }
  }
  const unknownTerm = first === undefined || last === undefined ? '' : text.slice(tokens[first]!.start, tokens[last]!.end).trim().slice(0, 80);
  const before = first === undefined ? [] : tokens.slice(Math.max(0, first - 2), first).map((t) => t.folded);
  const previous = before[before.length - 1] ?? '';
  const free = (i: number) => !claimed.has(i);
  const freeWords = words.filter((_, i) => free(i));
  const topic = freeWords.some((w) => TOPIC_WORDS.has(w)) && asksProjects;
  // "working on …", „arbeitet an …“: what someone works on is a project.
  const workedOn = first !== undefined && workedOnAt(words, first);
  const afterProjectWord = previous.startsWith('projekt') || previous.startsWith('project') || (topic && TOPIC_WORDS.has(previous)) || workedOn;
  const capitalised = unclaimed.filter((p) => /^\p{Lu}/u.test(tokens[p]!.raw)).length;
  // „Neustadt am Wald“, „Bad Sülzbach“, „Sankt Anna“: the shape of a place's name, not a person's.
  const termWords = first === undefined || last === undefined ? [] : words.slice(first, last + 1);
  const placeShaped = termWords.length >= 2 && (PLACE_PREFIXES.has(termWords[0]!) || termWords.slice(1, -1).some((w) => PLACE_LINKS.has(w)));
  const [otherRole] = [...otherRoleAt].filter(([at]) => free(at));
  return {
    cues,
    resolved,
    phase,
    phases,
    count: asksForCount(words),
    gap: gapAsked(words, tokenCues, free),
    lead: freeWords.some(isLeadWord),
    asOwner: freeWords.some((w) => OWNER_NOUN.test(w) || isLeadWord(w)),
    shared: freeWords.some(isSharedWord),
    role: freeWords.map(roleOf).find(Boolean),
    otherRole: otherRole ? text.slice(tokens[otherRole[0]]!.start, tokens[otherRole[0] + otherRole[1] - 1]!.end) : '',
    backReferences: backReferences(freeWords),
    opensFollowUp: opensFollowUp(words),
    asksWhat: (words[0] === 'was' || words[0] === 'what' || words[0] === 'worum') && !tokenCues.some((c) => c.includes('who')),
    topic,
    language: languageOf(freeWords),
    status,
    unknownTerm,
    hasUnexplained: unexplained.length > 0,
    unclaimed,
    termLooksLikePerson:
      before.some((w) => PERSON_WORDS.has(w)) ||
      (!placeShaped &&
      (capitalised >= 2 && unclaimed.length === 2 && !afterProjectWord && !unclaimed.some((p) => DISTRICT_WORDS.includes(tokens[p]!.folded)) && (cues.has('reach') || cues.has('list')))),
    termLooksLikePlace: (before.length > 0 && PLACE_WORDS.has(before[before.length - 1]!)) || unclaimed.some((p) => DISTRICT_WORDS.includes(tokens[p]!.folded)) || placeShaped,
    termAfterProjectWord: afterProjectWord,
    projectTerm: spanOf(resolved.project, tokens, text),
    projectsAsked: asksProjects,
    projectOnQualifier: onQualifiers(resolved.project),
  };
}

/** Nouns for the person responsible („Kümmerer“, „Verantwortliche“, „Projektleiterin“, "owner"). */
const OWNER_NOUN = /^(kuemmerer|kuemmerin|verantwortliche[rn]?|projektleiter(in)?|owner|owners|hauptverantwortliche[rn]?)$/;

/** Academic titles written before a name („Dr. Huber“). */
const ACADEMIC_TITLES = new Set(['dr', 'prof', 'professor']);

/** „Dr. Huber“ among two Hubers: the one whose name has the title (`asked`: the question's folded words). */
function titledNamesake(person: Resolution, asked: readonly string[]): Resolution {
  if (person.status !== 'ambiguous') return person;
  const first = Math.min(...person.matches.flatMap((m) => [...m.positions.keys()]));
  const title = asked.slice(Math.max(0, first - 2), first).find((w) => ACADEMIC_TITLES.has(w));
  const titled = title ? person.matches.filter((m) => words(m.entity.label).includes(title)) : [];
  return titled.length === 1 ? { status: 'found', match: titled[0]! } : person;
}

/** Words for working on something ("working on …", „arbeitet an …“). */
const WORK_WORDS = new Set(['working', 'work', 'works', 'arbeitet', 'arbeiten', 'arbeite']);

const ARTICLES = new Set(['a', 'an', 'the', 'der', 'die', 'das', 'dem', 'den', 'einem', 'einer', 'ein', 'eine']);

/**
 * True when "on"/„an“ stands before the word at `at` (an article may stand between), right after a word of working:
 * "working on (a) …", „arbeitet an (der) …“. ("an" is an article too: "working on an app".)
 */
function workedOnAt(words: readonly string[], at: number): boolean {
  for (let i = at - 1; i >= 1; i--) {
    if ((words[i] === 'on' || words[i] === 'an') && WORK_WORDS.has(words[i - 1]!)) return true;
    if (!ARTICLES.has(words[i]!)) return false;
  }
  return false;
}

/** Words that ask to be told about something, and the words that then say about what. */
const TELL_WORDS = /^(tell|erzaehl|erklaer|explain|describe)/;
const ABOUT_WORDS = new Set(['about', 'von', 'ueber', 'zu', 'zum', 'zur', 'regarding', 'on']);

/** The positions of "about" in "tell me (more) about …", „erzähl mir etwas über …“ (at most three words apart). */
function tellsAbout(words: readonly string[]): number[] {
  const positions: number[] = [];
  words.forEach((word, i) => {
    // "Who can tell me about …?" asks for a person, not for details.
    if (!TELL_WORDS.test(word) || words.slice(0, i).some((w) => w === 'who' || w === 'wer')) return;
    const about = words.slice(i + 1, i + 4).findIndex((w) => ABOUT_WORDS.has(w));
    if (about >= 0) positions.push(i + 1 + about);
  });
  return positions;
}

/** Words that separate two names ("und", "oder", "and", "or"); a comma does too. */
const SEPARATOR_WORDS = new Set(['und', 'oder', 'and', 'or', 'sowie', 'bzw']);

/**
 * True when the words a match was found on stand on both sides of a separator its own name does not have:
 * „Kreis und Coesfeld“ is not „Kreis Coesfeld“, but „Klimaschutz und Energie“ is the field of that name.
 */
function spansSeparator(match: EntityMatch, separators: readonly number[], tokens: readonly Token[]): boolean {
  let first = Infinity;
  let last = -1;
  for (const p of match.positions.keys()) {
    first = Math.min(first, p);
    last = Math.max(last, p);
  }
  const between = separators.filter((s) => s > first && s <= last);
  if (between.length === 0) return false;
  const own = words(match.entity.label);
  // A separating word counts unless the name has it; a comma (before the word at `s`) always separates.
  return between.some((s) => !SEPARATOR_WORDS.has(tokens[s]!.folded) || !own.includes(tokens[s]!.folded));
}

/**
 * The best match of each of these entities within one part of the question (the parts between separators), with
 * positions in the whole question.
 */
function matchInParts(
  index: DirectoryIndex,
  tokens: readonly Token[],
  separators: readonly number[],
  stopWords: ReadonlySet<number>,
  content: ReadonlySet<number>,
  entities: ReadonlySet<IndexedEntity>,
): EntityMatch[] {
  const best = new Map<IndexedEntity, EntityMatch>();
  const bounds = [-1, ...separators, tokens.length];
  for (let part = 0; part + 1 < bounds.length; part++) {
    const from = bounds[part]! + 1;
    const to = bounds[part + 1]!;
    if (to <= from) continue;
    const shift = (positions: ReadonlySet<number>) => new Set([...positions].filter((p) => p >= from && p < to).map((p) => p - from));
    for (const m of index.match(tokens.slice(from, to), shift(stopWords), shift(content), WEAK)) {
      const known = [...entities].find((e) => e.kind === m.entity.kind && e.id === m.entity.id);
      if (!known || (best.get(known)?.score ?? -1) >= m.score) continue;
      best.set(known, { ...m, entity: known, positions: new Map([...m.positions].map(([p, q]) => [p + from, q])) });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** True when the match explains one of these positions. */
function anyPosition(match: EntityMatch, positions: { has(position: number): boolean }): boolean {
  for (const p of match.positions.keys()) if (positions.has(p)) return true;
  return false;
}

/** The matches a resolution rests on (the weak ones do not count). */
function matchesOf(resolution: Resolution): readonly EntityMatch[] {
  return resolution.status === 'found' ? [resolution.match] : resolution.status === 'none' ? [] : resolution.matches;
}

/** The words a resolution's matches were found on, from the first to the last, as written. */
function spanOf(resolution: Resolution, tokens: readonly Token[], text: string): string {
  const matches = matchesOf(resolution);
  const positions = matches.flatMap((m) => [...m.positions.keys()]);
  if (positions.length === 0) return '';
  return text.slice(tokens[Math.min(...positions)]!.start, tokens[Math.max(...positions)]!.end).slice(0, 80);
}

/** Words that turn a phase into its opposite („nicht abgeschlossen“, "not finished"). */
const NOT_WORDS = new Set(['nicht', 'not', 'kein', 'keine']);

/** Plural words for projects: with a topic word they ask for the projects about something. */
const PLURAL_PROJECT_WORDS = new Set(['projekte', 'projekten', 'projects', 'vorhaben', 'initiatives']);

/**
 * The phase a word names, if any. "Eis", "hold" and "Arbeit" name one only after "auf", "on" and "in" ("auf Eis",
 * "on hold", "in Arbeit"); "arbeiten" alone is work, not a phase.
 */
function phaseAt(words: readonly string[], i: number, phase: Phase): Phase | undefined {
  const word = words[i]!;
  const needs = PHASE_WORDS_AFTER.get(word) ?? PHASE_WORDS_AFTER.get(stem(word));
  if (needs === undefined) return phase;
  return PHASE_WORDS_AFTER.has(word) && words[i - 1] === needs ? phase : undefined;
}

/** Words that shape a question without naming anything: "how many", "without", "lead", "together", roles. */
function isQuestionWord(words: readonly string[], i: number): boolean {
  const word = words[i]!;
  return (
    isBackReference(word) ||
    isNegation(word) ||
    isLeadWord(word) ||
    isSharedWord(word) ||
    roleOf(word) !== undefined ||
    word === 'viele' ||
    word === 'wieviele' ||
    word === 'many' ||
    word === 'anzahl' ||
    word === 'number' ||
    (word === 'trend' && (words[i + 1] === 'scout' || words[i + 1] === 'scouts'))
  );
}

/**
 * Projects without an owner or a deputy: a word of lack ("ohne", "keinen", "no", "niemand", "fehlt") shortly
 * before or after a word for the role („ohne Kümmerer“, „niemand zuständig“, „Vertretung fehlt“), or a word that
 * says it alone ("unassigned"). A question word in between ("nicht, wer …") is another question.
 */
function gapAsked(words: readonly string[], cues: readonly (readonly Cue[])[], free: (i: number) => boolean): 'owner' | 'deputy' | undefined {
  for (let i = 0; i < words.length; i++) {
    if (!free(i)) continue;
    if (NOBODY_WORDS.has(words[i]!)) return 'owner';
    if (!isNegation(words[i]!)) continue;
    for (const j of [i + 1, i + 2, i + 3, i - 1, i - 2]) {
      if (j < 0 || j >= words.length || !free(j)) continue;
      const between = j > i ? cues.slice(i + 1, j) : cues.slice(j + 1, i);
      if (between.some((c) => c.includes('who'))) break;
      if (cues[j]!.includes('deputy')) return 'deputy';
      if (cues[j]!.includes('owner') || words[j] === 'own' || words[j] === 'owns' || words[j] === 'owned') return 'owner';
    }
  }
  return undefined;
}

/**
 * True when only "and" words, commas and stop words stand between two names in the question ("Ahaus und
 * Gescher", "Ahaus, Gescher"): both are meant. "oder" / "or" offers a choice instead.
 */
function joinedByAndWord(a: EntityMatch, b: EntityMatch, tokens: readonly Token[], text: string): boolean {
  const [first, second] = Math.min(...a.positions.keys()) < Math.min(...b.positions.keys()) ? [a, b] : [b, a];
  const end = Math.max(...first.positions.keys());
  const start = Math.min(...second.positions.keys());
  if (start <= end) return false;
  const between = tokens.slice(end + 1, start);
  if (between.some((t) => t.folded === 'oder' || t.folded === 'or' || t.folded === 'bzw' || t.folded === 'beziehungsweise')) return false;
  const comma = text.slice(tokens[end]!.end, tokens[start]!.start).includes(',');
  return (comma || between.some((t) => AND_WORDS.has(t.folded))) && between.every((t) => AND_WORDS.has(t.folded) || isStopWord(t.folded));
}

/**
 * Which entity of one kind a question names. The best match must reach {@link ACCEPT}; a match that names
 * only part of an entity and sits right next to a word nobody knows is rejected ("Digitale Schultafel" is
 * not "Digitale Archive"). Matches explaining a subset of what the best match explains ("Altheim" inside
 * "Kreis Altheim") drop out; several left within the margin make the question ambiguous.
 */
function resolve(
  matches: readonly EntityMatch[],
  content: ReadonlySet<number>,
  unexplained: readonly number[],
  contentOrder: readonly number[],
  joinedByAnd: (a: EntityMatch, b: EntityMatch) => boolean = () => false,
): Resolution {
  const unknown = new Set(unexplained);
  const acceptable = matches.filter((m) => m.score >= ACCEPT && namesSomething(m, content) && !nextToUnknown(m, unknown, contentOrder));
  const best = acceptable[0];
  if (!best) return { status: 'none', weak: matches.filter((m) => m.score >= WEAK && namesSomething(m, content)).slice(0, MAX_CANDIDATES) };
  // Rivals: about as good, or naming other words of the question ("das Archiv oder die Vergabe").
  const rivals = acceptable.filter(
    (m) => (m.score >= best.score - AMBIGUITY_MARGIN || (isDisjoint(m, best) && (m.complete || m.coverage >= NEARLY_COMPLETE))) && !isDominated(m, acceptable),
  );
  if (rivals.length <= 1) return { status: 'found', match: rivals[0] ?? best };
  // In the order the question names them; equal places keep the best-first order.
  const firstPosition = (m: EntityMatch) => Math.min(...m.positions.keys());
  const ordered = [...rivals].sort((a, b) => firstPosition(a) - firstPosition(b)).slice(0, MAX_CANDIDATES);
  // "Ahaus und Gescher": each name on words of its own, joined by "and": both are meant.
  const both = ordered.every((m, i) => i === 0 || (ordered.slice(0, i).every((o) => isDisjoint(m, o)) && joinedByAnd(ordered[i - 1]!, m)));
  return { status: both ? 'several' : 'ambiguous', matches: ordered };
}

/**
 * Two kinds can claim the same words: "Schulte" is a person's exact name and a typo of "Schule" in a project
 * title. An entity found only on words that an entity of another kind matches better is dropped.
 */
function dropOutmatched(resolved: Record<EntityKind, Resolution>): void {
  const found = Object.values(resolved).flatMap((r) => matchesOf(r));
  const outmatched = (match: EntityMatch) =>
    found.some(
      (other) =>
        other !== match &&
        other.entity.kind !== match.entity.kind &&
        [...match.positions].every(([p, q]) => (other.positions.get(p) ?? 0) >= q) &&
        (other.score > match.score || [...match.positions].some(([p, q]) => (other.positions.get(p) ?? 0) > q)),
    );
  for (const kind of Object.keys(resolved) as EntityKind[]) {
    const r = resolved[kind];
    if (r.status === 'found') {
      if (outmatched(r.match)) resolved[kind] = { status: 'none', weak: [] };
      continue;
    }
    if (r.status === 'none') continue;
    // "Kreis Borken und Ahaus" are municipalities, not the projects whose titles hold their names.
    const left = r.matches.filter((m) => !outmatched(m));
    if (left.length === r.matches.length) continue;
    resolved[kind] = left.length === 0 ? { status: 'none', weak: [] } : left.length === 1 ? { status: 'found', match: left[0]! } : { ...r, matches: left };
  }
}

/** A match must rest on at least one word that can name something, unless the whole name was written. */
function namesSomething(match: EntityMatch, content: ReadonlySet<number>): boolean {
  return match.complete || anyPosition(match, content);
}

/**
 * A name joined by a hyphen or slash to an unknown word is part of a different name: "Klima-Portal" is not
 * "Klima-Dashboard", "Altheim-Süd" not "Altheim", even when the known part alone would identify it.
 */
function joinedToUnknown(match: EntityMatch, unknown: ReadonlySet<number>, tokens: readonly Token[], text: string): boolean {
  if (unknown.size === 0) return false;
  for (const p of match.positions.keys()) {
    if ((unknown.has(p - 1) && joinedByHyphen(p - 1, p, tokens, text)) || (unknown.has(p + 1) && joinedByHyphen(p, p + 1, tokens, text))) return true;
  }
  return false;
}

/** The two words are written joined by a hyphen or a slash ("Klima-Portal"). */
function joinedByHyphen(a: number, b: number, tokens: readonly Token[], text: string): boolean {
  const left = tokens[a];
  const right = tokens[b];
  return left !== undefined && right !== undefined && right.start === left.end + 1 && '-/'.includes(text[left.end]!);
}

function nextToUnknown(match: EntityMatch, unknown: ReadonlySet<number>, contentOrder: readonly number[]): boolean {
  // Most of a name written is enough, but a person's first or last name next to another name is someone else.
  // (For projects and fields: a municipality or person written with another word is another one, "Kreis Borken".)
  if (unknown.size === 0) return false;
  // A name found only by a typo or as part of a compound ("sharing" in „Ridesharing“) is as good as that word:
  // with an unknown word beside it ("e-scooter sharing"), the question names something else.
  const guessed = [...match.positions.values()].every((quality) => quality < SYNONYM);
  if (!guessed && (match.complete || (match.coverage >= NEARLY_COMPLETE && (match.entity.kind === 'project' || match.entity.kind === 'field')))) return false;
  for (const p of match.positions.keys()) {
    const at = contentOrder.indexOf(p);
    if (unknown.has(contentOrder[at - 1] ?? -1) || unknown.has(contentOrder[at + 1] ?? -1)) return true;
  }
  return false;
}

function isDisjoint(a: EntityMatch, b: EntityMatch): boolean {
  return a.positions.size > 0 && !anyPosition(a, b.positions);
}

function isDominated(match: EntityMatch, others: readonly EntityMatch[]): boolean {
  return others.some((o) => o !== match && o.positions.size > match.positions.size && [...match.positions.keys()].every((p) => o.positions.has(p)));
}

function toCandidate(match: EntityMatch): Candidate {
  return { kind: match.entity.kind, id: match.entity.id, label: match.entity.label };
}

/** The ids of the entities of a kind the question names: one, several joined by "and", or none (undefined). */
export function namedIds(facts: QuestionFacts, kind: EntityKind): string[] | undefined {
  const r = facts.resolved[kind];
  if (r.status === 'found') return [r.match.entity.id];
  if (r.status === 'several') return r.matches.map((m) => m.entity.id);
  return undefined;
}

/** What the question asks of a list of projects, apart from a topic: every filter it names. */
export function filtersOf(facts: QuestionFacts): ProjectQuery {
  const municipalities = namedIds(facts, 'municipality');
  const people = namedIds(facts, 'person');
  return withoutEmpty({
    municipalities,
    lead: facts.lead && municipalities?.length === 1 ? true : undefined,
    phases: facts.phases,
    fields: namedIds(facts, 'field'),
    people,
    personRole: people && facts.cues.has('deputy') ? 'deputy' : people && facts.asOwner && !municipalities ? 'owner' : undefined,
    status: facts.status,
    gap: facts.gap,
  });
}

/** A query without its unset and empty filters, so that equal queries look equal. */
export function withoutEmpty(query: { [K in keyof ProjectQuery]?: ProjectQuery[K] | undefined }): ProjectQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0))) as ProjectQuery;
}

/** True when the question filters a list by more than one person alone ("Welche Projekte von X sind pausiert?"). */
function filtersBeyondPerson(facts: QuestionFacts): boolean {
  const { people = [], personRole, ...rest } = filtersOf(facts);
  // „Bei welchen Projekten ist X Vertreter?“ asks for the projects where X is the deputy, not all of X's projects.
  const asRole = personRole !== undefined && (facts.projectsAsked || has(facts, 'list', 'listWeak'));
  return people.length > 1 || Object.keys(rest).length > 0 || facts.count || asRole;
}

const answer = (rule: string, question: Question): Interpretation => ({ kind: 'answer', rule, question });

/**
 * A list of projects filtered by everything the question names; a name that fits several entities equally makes
 * it a choice (of the list of that one entity).
 */
function projectList(rule: string, facts: QuestionFacts, extra: ProjectQuery = {}): Interpretation {
  for (const [kind, intent] of [
    ['municipality', 'municipalityProjects'],
    ['person', 'personProjects'],
    ['field', 'fieldProjects'],
  ] as const) {
    const r = facts.resolved[kind];
    if (r.status === 'ambiguous') return { kind: 'ambiguous', intent, candidates: r.matches.map(toCandidate) };
  }
  return answer(rule, { intent: 'projects', query: withoutEmpty({ ...filtersOf(facts), ...extra }), ...(facts.count ? { count: true } : {}) });
}

/** The question of an intent table row about the entities found (their ids). */
function questionOf(intent: AskIntent, facts: QuestionFacts, ids: readonly string[]): Interpretation {
  switch (intent) {
    case 'owner':
    case 'deputy':
    case 'projectDetails':
      return answer(intent, { intent, projects: ids });
    case 'municipalityContact':
      // „Wie viele CDOs hat Vreden?“: the number first.
      if (facts.count && ids.length === 1) return answer(intent, { intent: 'role', role: 'cdo', municipality: ids[0]!, count: true });
      return answer(intent, { intent, municipalities: ids });
    case 'personProjects':
      return ids.length > 1 || filtersBeyondPerson(facts) ? projectList(intent, facts) : answer(intent, { intent, person: ids[0]! });
    case 'coordinators':
    case 'cdos':
      return answer(intent, { intent: 'role', role: intent === 'cdos' ? 'cdo' : 'coordinator', ...(facts.count ? { count: true } : {}) });
    case 'municipalityProjects':
    case 'fieldProjects':
    case 'phaseProjects':
    case 'statusProjects':
      return projectList(intent, facts);
  }
}

function decide(facts: QuestionFacts, index: DirectoryIndex): Interpretation {
  const municipality = facts.resolved.municipality;
  const foundMunicipality = municipality.status === 'found' ? { municipality: municipality.match.entity.id } : {};
  // An office the directory does not keep ("Wer ist der Bürgermeister von Ahaus?"): its roles, nobody named.
  if (facts.otherRole && !names(facts, 'project') && !names(facts, 'person')) return { kind: 'unknownRole', term: facts.otherRole, ...foundMunicipality };
  // Projects without an owner or deputy, with whatever else the question filters by.
  if (facts.gap && !names(facts, 'project')) return projectList('gap', facts);
  // Trend scouts, admins, members by their role's name, of a municipality when one is named.
  if (facts.role && !names(facts, 'project') && !names(facts, 'person') && !has(facts, 'list')) {
    return answer('role', { intent: 'role', role: facts.role, ...foundMunicipality, ...(facts.count ? { count: true } : {}) });
  }
  // "Welche Projekte gibt es zu KI?", "Klimaprojekte": every project the topic names, as a list, not a choice.
  const projects = facts.resolved.project;
  if ((facts.topic || facts.projectOnQualifier) && !names(facts, 'municipality') && !names(facts, 'person') && !names(facts, 'field') && !has(facts, 'owner', 'deputy', 'who')) {
    const covering = projects.status === 'none' && facts.unknownTerm ? projects.weak.filter((m) => facts.unclaimed.every((p) => m.positions.has(p))) : [];
    const matches = projects.status === 'none' ? covering : matchesOf(projects);
    const topic = projects.status === 'none' ? facts.unknownTerm : facts.projectTerm;
    if (matches.length > 0) return projectList('topic', facts, { ids: matches.map((m) => m.entity.id), topic });
  }
  for (const rule of INTENT_RULES) {
    if (!rule.when(facts, index)) continue;
    const about = INTENT_KIND[rule.intent];
    if (!about) return questionOf(rule.intent, facts, []);
    const resolution = facts.resolved[about];
    if (resolution.status === 'none') continue;
    if (resolution.status === 'ambiguous') return { kind: 'ambiguous', intent: rule.intent, candidates: resolution.matches.map(toCandidate) };
    return questionOf(rule.intent, facts, namedIds(facts, about)!);
  }
  // "Wie viele Projekte gibt es?", "Alle Projekte": every project (with whatever filters were named).
  // ("Which projects are there?" with no place talked about before: every project too.)
  if (facts.projectsAsked && !facts.unknownTerm && facts.backReferences.every((r) => r === 'place') && (facts.count || has(facts, 'listWeak'))) return projectList('all', facts);
  return unknownOrNone(facts);
}

/**
 * Nothing the question names is known. When its cue words say what kind of thing it asks about, the answer
 * is "I don't know that …" (or, when a single weak candidate covers the words, that one); otherwise the
 * question is not about the directory at all.
 */
function unknownOrNone(facts: QuestionFacts): Interpretation {
  const expected = expectedKind(facts);
  if (!expected) return { kind: 'none' };
  const resolution = facts.resolved[expected];
  // People are never suggested for a name that was not found.
  const weak = weakAnswer(facts, resolution.status === 'none' && expected !== 'person' ? resolution.weak : []);
  if (weak.kind === 'one') return questionOf(intentFor(expected, facts), facts, [weak.match.entity.id]);
  if (weak.kind === 'choose') return { kind: 'ambiguous', intent: intentFor(expected, facts), candidates: weak.candidates };
  return { kind: 'unknown', entityKind: expected, term: facts.unknownTerm, suggestions: weak.suggestions, intent: intentFor(expected, facts) };
}

/**
 * Whether the conversation's context may change what the question means (see {@link Reading.mayFollowUp}). A
 * question that names what it asks about and asks something of it is complete: it starts afresh.
 */
function mayFollowUp(facts: QuestionFacts, alone: Interpretation): boolean {
  // Something named that is not known stays unknown: the last subject must not stand in for it.
  if (alone.kind === 'unknown' && alone.term !== '') return false;
  if (facts.opensFollowUp || facts.backReferences.includes('list')) return true;
  const namesSomething = ENTITY_KINDS_IN_ORDER.some((kind) => names(facts, kind));
  if (facts.backReferences.length > 0 && (alone.kind !== 'answer' || !namesSomething)) return true;
  // „Welche Projekte gibt es dort im Handlungsfeld X?“: the place talked about, with a filter of its own.
  if (facts.backReferences.includes('place') && !names(facts, 'municipality')) return true;
  // „Woran arbeiten sie und X zusammen?“: the person last named, and another.
  if (facts.backReferences.includes('person') && facts.shared) return true;
  if (alone.kind === 'unknown' && alone.term === '') return true;
  if (alone.kind === 'none') return facts.cues.size > 0 || facts.phases.length > 0 || facts.status !== undefined || facts.count;
  const asksNothing = facts.cues.size === 0 && facts.phases.length === 0 && !facts.status && !facts.count && !facts.gap && !facts.role && !facts.otherRole;
  return namesSomething && asksNothing;
}

const ENTITY_KINDS_IN_ORDER: readonly EntityKind[] = ['project', 'municipality', 'person', 'field'];

function expectedKind(facts: QuestionFacts): EntityKind | undefined {
  const cue = (...cues: Cue[]) => cues.some((c) => facts.cues.has(c));
  const term = facts.unknownTerm !== '';
  if (!cue('owner', 'deputy', 'details', 'reach', 'list', 'contact', 'coordinator', 'field', 'fieldWeak', 'person', 'municipality') && !(term && cue('who') && cue('ownerWeak'))) return undefined;
  if (term && facts.termAfterProjectWord) return 'project';
  if (term && facts.termLooksLikePerson) return 'person';
  if (term && cue('reach') && !cue('owner', 'details', 'list')) return 'person';
  if (term && cue('field')) return 'field';
  if (term && (cue('contact', 'municipality') || facts.termLooksLikePlace) && !cue('deputy', 'details')) return 'municipality';
  if (cue('owner', 'deputy', 'details') || (term && cue('who') && cue('ownerWeak'))) return 'project';
  if (term && cue('fieldWeak')) return 'field';
  if (term && cue('list')) return facts.termLooksLikePerson ? 'person' : 'municipality';
  return undefined;
}

/** The question about an entity of this kind that the cue words ask; without a telling one, the most common. */
function intentFor(kind: EntityKind, facts: QuestionFacts): AskIntent {
  if (kind === 'municipality' && facts.cues.has('list')) return 'municipalityProjects';
  if (kind === 'project' && facts.cues.has('deputy')) return 'deputy';
  if (kind === 'project' && (facts.cues.has('owner') || facts.cues.has('who'))) return 'owner';
  return SUGGESTION_INTENT[kind];
}

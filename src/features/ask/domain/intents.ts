import type { Phase } from '../../../platform/directory/model';
import { INTENT_KIND, SUGGESTION_INTENT, type AskIntent, type Candidate } from './answers';
import { tokenize, type Token } from './normalize';
import { type DirectoryIndex, type EntityKind, type EntityMatch, type IndexedEntity } from './search-index';
import { cuesOf, DISTRICT_WORDS, isFiller, isStopWord, phaseOf, statusOf, type Cue, type StatusFilter } from './vocabulary';

/** A match at least this good names an entity. */
const ACCEPT = 0.6;
/** Matches this close to the best one fit "about equally": the user is asked to choose. */
const AMBIGUITY_MARGIN = 0.08;
/** A weaker match may still be offered: as a choice when nothing else is in the question, … */
const WEAK = 0.3;
/** … or as "did you mean" beside "I don't know". */
const SUGGEST = 0.45;
const MAX_CANDIDATES = 5;
/** A partial match this good is not undone by an unknown word next to it. */
const NEARLY_COMPLETE = 0.66;

/** What the question names, per kind. */
type Resolution =
  | { readonly status: 'found'; readonly match: EntityMatch }
  | { readonly status: 'ambiguous'; readonly matches: readonly EntityMatch[] }
  | { readonly status: 'none'; readonly weak: readonly EntityMatch[] };

/** Everything the intent rules look at. */
interface QuestionFacts {
  readonly cues: ReadonlySet<Cue>;
  readonly resolved: Readonly<Record<EntityKind, Resolution>>;
  readonly phase: Phase | undefined;
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
  /** The unknown words follow "Projekt" / "project". */
  readonly termAfterProjectWord: boolean;
}

/** What a question is, before it is answered. */
export type Interpretation =
  | { readonly kind: 'answer'; readonly intent: AskIntent; readonly target?: IndexedEntity; readonly phase?: Phase; readonly field?: string; readonly status?: StatusFilter }
  | { readonly kind: 'ambiguous'; readonly intent: AskIntent; readonly candidates: readonly Candidate[] }
  | { readonly kind: 'unknown'; readonly entityKind: EntityKind; readonly term: string; readonly suggestions: readonly Candidate[] }
  | { readonly kind: 'none' };

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
  { intent: 'statusProjects', when: (f) => f.status !== undefined && !names(f, 'project') && !names(f, 'person') && !has(f, 'deputy', 'coordinator') },
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
  { intent: 'owner', when: (f) => has(f, 'owner', 'ownerWeak', 'who', 'reach', 'contact') && !has(f, 'details') },
  { intent: 'projectDetails', when: () => true },
  // A lone last name in a question about a project's owner ("ich weiß nicht, wer …") is no question about a person.
  { intent: 'personProjects', when: (f) => personAsked(f) },
  {
    intent: 'municipalityProjects',
    when: (f) => has(f, 'list') || f.phase !== undefined || ((names(f, 'field') || has(f, 'listWeak')) && !has(f, 'who', 'contact', 'owner', 'coordinator')),
  },
  { intent: 'municipalityContact', when: () => true },
  { intent: 'fieldProjects', when: () => true },
  { intent: 'phaseProjects', when: (f) => f.phase !== undefined },
  { intent: 'cdos', when: (f) => has(f, 'contact') && !f.unknownTerm },
  { intent: 'coordinators', when: (f) => has(f, 'coordinator') && !f.unknownTerm },
];

/** Words before a name that say it is a place. */
const PLACE_WORDS = new Set(['in', 'aus', 'im', 'from', 'at', 'stadt', 'gemeinde', 'kommune', 'town', 'municipality', 'city']);
const PERSON_WORDS = new Set(['frau', 'herr', 'herrn', 'mr', 'mrs', 'ms', 'dr', 'kollege', 'kollegin', 'colleague']);

/**
 * Works out what a question asks: its cue words, the entities it names (with typos, aliases and partial
 * names), a phase, and what is left over. Deterministic: the same directory and text give the same result.
 */
export function interpret(text: string, index: DirectoryIndex): Interpretation {
  const tokens = tokenize(text);
  const facts = gatherFacts(text, tokens, index);
  return decide(facts, index);
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
  if (resolution.status === 'ambiguous') return { kind: 'ambiguous', candidates: resolution.matches.map(toCandidate) };
  const weak = weakAnswer(facts, resolution.weak);
  return weak.kind === 'choose' ? { kind: 'ambiguous', candidates: weak.candidates } : { kind: 'unknown', suggestions: weak.suggestions };
}

/**
 * Nothing named well enough: weak candidates become a choice only if each covers every unknown word ("App"
 * may be either app, but "Bürger-Portal" is not a project whose title has "Bürger" nor one whose alias has
 * "Portal"); else the better ones are "did you mean" suggestions.
 */
function weakAnswer(facts: QuestionFacts, weak: readonly EntityMatch[]): { kind: 'choose'; candidates: Candidate[] } | { kind: 'suggest'; suggestions: Candidate[] } {
  const covering = weak.filter((m) => facts.unclaimed.every((p) => m.positions.has(p)));
  if (!facts.hasUnexplained && covering.length > 0 && facts.unknownTerm) return { kind: 'choose', candidates: covering.map(toCandidate) };
  return { kind: 'suggest', suggestions: weak.filter((m) => m.score >= SUGGEST).slice(0, 3).map(toCandidate) };
}

/** `only`: consider entities of this kind alone (a name after a command). */
function gatherFacts(text: string, tokens: readonly Token[], index: DirectoryIndex, only?: EntityKind): QuestionFacts {
  const stopWords = new Set<number>();
  const content = new Set<number>();
  let phase: Phase | undefined;
  const phasePositions = new Set<number>();
  const tokenCues = tokens.map((token) => cuesOf(token.folded));
  tokens.forEach((token, i) => {
    const tokenPhase = phaseOf(token.folded);
    if (tokenPhase) {
      phase ??= tokenPhase;
      phasePositions.add(i);
    }
    if (isStopWord(token.folded)) stopWords.add(i);
    if (!isFiller(token.folded) && tokenCues[i]!.length === 0 && !tokenPhase && !statusOf(token.folded)) content.add(i);
  });
  // "on hold" and "auf Eis": the phase words that need their neighbour.
  if (phase === 'paused' && !tokens.some((t, i) => phasePositions.has(i) && !['eis', 'hold'].includes(t.folded))) {
    const ok = tokens.some((t, i) => (t.folded === 'eis' && tokens[i - 1]?.folded === 'auf') || (t.folded === 'hold' && tokens[i - 1]?.folded === 'on'));
    if (!ok) phase = undefined;
  }

  // A word right after "Frau", "Herr", "Mr" … names a person, whatever else it looks like ("Frau Schulze").
  const personOnly = new Set<number>();
  tokens.forEach((t, i) => {
    if (PERSON_WORDS.has(t.folded) && i + 1 < tokens.length) personOnly.add(i + 1);
  });
  // Matches below WEAK play no part in what follows.
  const matches = index
    .match(tokens, stopWords, content, WEAK)
    .filter((m) => (!only || m.entity.kind === only) && (m.entity.kind === 'person' || ![...m.positions.keys()].some((p) => personOnly.has(p))));
  const byKind = (kind: EntityKind) => matches.filter((m) => m.entity.kind === kind);
  const contentOrder = tokens.map((_, i) => i).filter((i) => !stopWords.has(i));
  const explainedByAny = new Set<number>();
  for (const m of matches) if (m.score >= 0.3) m.positions.forEach((_, p) => explainedByAny.add(p));
  const unexplained = [...content].filter((p) => !explainedByAny.has(p));
  // Next to a name, a word only weakly like some other name still makes it a different name ("Bürger-Portal").
  const explainedWell = new Set<number>();
  for (const m of matches) if (m.score >= ACCEPT) m.positions.forEach((_, p) => explainedWell.add(p));
  const unknownNeighbours = [...content].filter((p) => !explainedWell.has(p));

  const resolved = {} as Record<EntityKind, Resolution>;
  for (const kind of ['project', 'municipality', 'person', 'field'] as const) {
    const unknownSet = new Set(unknownNeighbours);
    const candidates = byKind(kind).filter((m) => !joinedToUnknown(m, unknownSet, tokens, text));
    resolved[kind] = resolve(candidates, content, unknownNeighbours, contentOrder);
  }

  dropOutmatched(resolved);

  const claimed = new Set<number>();
  for (const r of Object.values(resolved)) {
    if (r.status === 'found') r.match.positions.forEach((_, p) => claimed.add(p));
    if (r.status === 'ambiguous') r.matches.forEach((m) => m.positions.forEach((_, p) => claimed.add(p)));
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
  const afterProjectWord = previous.startsWith('projekt') || previous.startsWith('project');
  const capitalised = unclaimed.filter((p) => /^\p{Lu}/u.test(tokens[p]!.raw)).length;
  return {
    cues,
    resolved,
    phase,
    status,
    unknownTerm,
    hasUnexplained: unexplained.length > 0,
    unclaimed,
    termLooksLikePerson:
      before.some((w) => PERSON_WORDS.has(w)) ||
      (capitalised >= 2 && unclaimed.length === 2 && !afterProjectWord && !unclaimed.some((p) => DISTRICT_WORDS.includes(tokens[p]!.folded)) && (cues.has('reach') || cues.has('list'))),
    termLooksLikePlace: (before.length > 0 && PLACE_WORDS.has(before[before.length - 1]!)) || unclaimed.some((p) => DISTRICT_WORDS.includes(tokens[p]!.folded)),
    termAfterProjectWord: afterProjectWord,
  };
}

/**
 * Which entity of one kind a question names. The best match must reach {@link ACCEPT}; a match that names
 * only part of an entity and sits right next to a word nobody knows is rejected ("Digitale Schultafel" is
 * not "Digitale Archive"). Matches explaining a subset of what the best match explains ("Altheim" inside
 * "Kreis Altheim") drop out; several left within the margin make the question ambiguous.
 */
function resolve(matches: readonly EntityMatch[], content: ReadonlySet<number>, unexplained: readonly number[], contentOrder: readonly number[]): Resolution {
  const acceptable = matches.filter((m) => m.score >= ACCEPT && namesSomething(m, content) && !nextToUnknown(m, unexplained, contentOrder));
  const best = acceptable[0];
  if (!best) return { status: 'none', weak: matches.filter((m) => m.score >= WEAK && namesSomething(m, content)).slice(0, MAX_CANDIDATES) };
  // Rivals: about as good, or naming other words of the question ("das Archiv oder die Vergabe").
  const rivals = acceptable.filter(
    (m) => (m.score >= best.score - AMBIGUITY_MARGIN || (isDisjoint(m, best) && (m.complete || m.coverage >= NEARLY_COMPLETE))) && !isDominated(m, acceptable),
  );
  if (rivals.length <= 1) return { status: 'found', match: rivals[0] ?? best };
  // In the order the question names them; equal places keep the best-first order.
  const firstPosition = (m: EntityMatch) => Math.min(...m.positions.keys());
  return { status: 'ambiguous', matches: [...rivals].sort((a, b) => firstPosition(a) - firstPosition(b)).slice(0, MAX_CANDIDATES) };
}

/**
 * Two kinds can claim the same words: "Schulte" is a person's exact name and a typo of "Schule" in a project
 * title. An entity found only on words that another found entity matches better is dropped.
 */
function dropOutmatched(resolved: Record<EntityKind, Resolution>): void {
  const found = Object.values(resolved).flatMap((r) => (r.status === 'found' ? [r.match] : r.status === 'ambiguous' ? r.matches : []));
  for (const kind of Object.keys(resolved) as EntityKind[]) {
    const r = resolved[kind];
    if (r.status !== 'found') continue;
    const outmatched = found.some(
      (other) =>
        other !== r.match &&
        [...r.match.positions].every(([p, q]) => (other.positions.get(p) ?? 0) >= q) &&
        (other.score > r.match.score || [...r.match.positions].some(([p, q]) => (other.positions.get(p) ?? 0) > q)),
    );
    if (outmatched) resolved[kind] = { status: 'none', weak: [] };
  }
}

/** A match must rest on at least one word that can name something, unless the whole name was written. */
function namesSomething(match: EntityMatch, content: ReadonlySet<number>): boolean {
  return match.complete || [...match.positions.keys()].some((p) => content.has(p));
}

/**
 * A name joined by a hyphen or slash to an unknown word is part of a different name: "Klima-Portal" is not
 * "Klima-Dashboard", "Altheim-Süd" not "Altheim", even when the known part alone would identify it.
 */
function joinedToUnknown(match: EntityMatch, unknown: ReadonlySet<number>, tokens: readonly Token[], text: string): boolean {
  const joined = (a: number, b: number) => {
    const left = tokens[a];
    const right = tokens[b];
    return left !== undefined && right !== undefined && right.start === left.end + 1 && '-/'.includes(text[left.end]!);
  };
  return [...match.positions.keys()].some((p) => (unknown.has(p - 1) && joined(p - 1, p)) || (unknown.has(p + 1) && joined(p, p + 1)));
}

function nextToUnknown(match: EntityMatch, unexplained: readonly number[], contentOrder: readonly number[]): boolean {
  // Most of a name written is enough, but a person's first or last name next to another name is someone else.
  // (For projects and fields: a municipality or person written with another word is another one, "Kreis Borken".)
  if (match.complete || unexplained.length === 0 || (match.coverage >= NEARLY_COMPLETE && (match.entity.kind === 'project' || match.entity.kind === 'field'))) return false;
  const unknown = new Set(unexplained);
  return [...match.positions.keys()].some((p) => {
    const at = contentOrder.indexOf(p);
    return unknown.has(contentOrder[at - 1] ?? -1) || unknown.has(contentOrder[at + 1] ?? -1);
  });
}

function isDisjoint(a: EntityMatch, b: EntityMatch): boolean {
  return a.positions.size > 0 && [...a.positions.keys()].every((p) => !b.positions.has(p));
}

function isDominated(match: EntityMatch, others: readonly EntityMatch[]): boolean {
  return others.some((o) => o !== match && o.positions.size > match.positions.size && [...match.positions.keys()].every((p) => o.positions.has(p)));
}

function toCandidate(match: EntityMatch): Candidate {
  return { kind: match.entity.kind, id: match.entity.id, label: match.entity.label };
}

function decide(facts: QuestionFacts, index: DirectoryIndex): Interpretation {
  for (const rule of INTENT_RULES) {
    if (!rule.when(facts, index)) continue;
    if (rule.intent === 'statusProjects') {
      // Of one municipality when the question names one ("Welche Projekte in Olfen sind rot?").
      const municipality = facts.resolved.municipality;
      return { kind: 'answer', intent: rule.intent, status: facts.status, ...(municipality.status === 'found' ? { target: municipality.match.entity } : {}) };
    }
    const about = INTENT_KIND[rule.intent];
    if (!about) return { kind: 'answer', intent: rule.intent, phase: facts.phase };
    const resolution = facts.resolved[about];
    if (resolution.status === 'none') continue;
    if (resolution.status === 'ambiguous') return { kind: 'ambiguous', intent: rule.intent, candidates: resolution.matches.map(toCandidate) };
    const field = facts.resolved.field.status === 'found' && about !== 'field' ? facts.resolved.field.match.entity.id : undefined;
    return { kind: 'answer', intent: rule.intent, target: resolution.match.entity, phase: facts.phase, field };
  }
  return unknownOrNone(facts);
}

/**
 * Nothing the question names is known. When its cue words say what kind of thing it asks about, the answer
 * is "I don't know that …"; otherwise the question is not about the directory at all.
 */
function unknownOrNone(facts: QuestionFacts): Interpretation {
  const expected = expectedKind(facts);
  if (!expected) return { kind: 'none' };
  const resolution = facts.resolved[expected];
  // People are never suggested for a name that was not found.
  const weak = weakAnswer(facts, resolution.status === 'none' && expected !== 'person' ? resolution.weak : []);
  if (weak.kind === 'choose') return { kind: 'ambiguous', intent: intentFor(expected, facts), candidates: weak.candidates };
  return { kind: 'unknown', entityKind: expected, term: facts.unknownTerm, suggestions: weak.suggestions };
}

function expectedKind(facts: QuestionFacts): EntityKind | undefined {
  const cue = (...cues: Cue[]) => cues.some((c) => facts.cues.has(c));
  const term = facts.unknownTerm !== '';
  if (!cue('owner', 'deputy', 'details', 'reach', 'list', 'contact', 'coordinator', 'field', 'fieldWeak', 'person', 'municipality')) return undefined;
  if (term && facts.termAfterProjectWord) return 'project';
  if (term && facts.termLooksLikePerson) return 'person';
  if (term && cue('reach') && !cue('owner', 'details', 'list')) return 'person';
  if (term && cue('field')) return 'field';
  if (term && (cue('contact', 'municipality') || facts.termLooksLikePlace) && !cue('deputy', 'details')) return 'municipality';
  if (cue('owner', 'deputy', 'details')) return 'project';
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

import type { Municipality, Person, Project } from '../directory';
import { typoSimilarity, typoTolerance } from './fuzzy';
import { stem, words, type Token } from './normalize';
import { DISTRICT_WORDS, isStopWord } from './vocabulary';

/** The kinds of thing a question can name. */
export const ENTITY_KINDS = ['project', 'municipality', 'person', 'field'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** A directory entry as the index knows it: its kind, key and display label. */
export interface IndexedEntity {
  readonly kind: EntityKind;
  /** Project id, municipality name, person e-mail or field name. */
  readonly id: string;
  readonly label: string;
}

/** One name an entity goes by (title, alias, id, full name, last name …), as folded words. */
interface Variant {
  readonly entity: number;
  readonly words: readonly string[];
  readonly weights: readonly number[];
  /** Per word: true when no other entity of the kind uses it, so it alone identifies the entity. */
  readonly distinctive: readonly boolean[];
  /** How much a perfect match of this name counts: a first name alone is weaker than the full name. */
  readonly factor: number;
  /** A part of the name only (a first or last name, "Kreis" for the district): never a complete match. */
  readonly partial: boolean;
}

interface NameVariant {
  readonly words: string[];
  readonly factor: number;
  readonly partial?: boolean;
}

/** Where a name unit (one word of a variant, or all of them joined) can be found. */
interface Posting {
  readonly variant: number;
  /** The variant word this unit is, or -1 for the whole variant joined ("buergerportal"). */
  readonly word: number;
}

/** How well one entity matches a question. */
export interface EntityMatch {
  readonly entity: IndexedEntity;
  /** 0..1: the weighted share of the best name's words found in the question, times that name's factor. */
  readonly score: number;
  /** Positions (in the question's words) that this entity explains, with how well. */
  readonly positions: ReadonlyMap<number, number>;
  /** 0..1: the weighted share of the best name's words found, without the boost for a distinctive word. */
  readonly coverage: number;
  /** True when every word of the matched name was found. */
  readonly complete: boolean;
}

/** Matches below this quality explain a word only partly (a piece of a compound), not enough to call it known. */
export const EXPLAINS = 0.8;
const COMPOUND_PART = 0.5;
const GERMAN = new Intl.Collator('de');
const TITLES = new Set(['dr', 'prof', 'professor', 'ing', 'dipl', 'med', 'rer', 'nat', 'phil', 'mag']);
const MAX_WINDOW = 3;

interface VariantHit {
  readonly quality: number[];
  /** Per word, the question positions behind its best quality. */
  readonly sources: number[][];
}

/** A name word found by itself is enough to identify an entity when nothing else of its kind has that word. */
const IDENTIFIED = 0.75;

/**
 * An in-memory search index over the directory: every name of every project, municipality, person and field
 * of action, by exact word, stem and joined compound, with word weights from how many entities of a kind
 * share a word (a word every title has, like "digital", identifies little). Built once per directory version;
 * a question is then answered from memory.
 */
export class DirectoryIndex {
  private readonly entities: IndexedEntity[] = [];
  private readonly variants: Variant[] = [];
  private readonly exact = new Map<string, Posting[]>();
  private readonly stemmed = new Map<string, Posting[]>();
  /** Units by length and first letter ("7b"), for the typo scan. */
  private readonly byLengthAndInitial = new Map<string, string[]>();
  /** Name words (five letters or more) by their first and by their last five letters, for compounds. */
  private readonly byStart = new Map<string, string[]>();
  private readonly byEnd = new Map<string, string[]>();
  private readonly compoundWords = new Set<string>();
  private readonly projects = new Map<string, Project>();
  private readonly municipalities = new Map<string, Municipality>();
  private readonly people = new Map<string, Person>();
  private readonly peopleByAadObjectId = new Map<string, Person>();
  private readonly fields = new Map<string, Project[]>();
  private readonly sortedProjects: readonly Project[];

  constructor(directory: { municipalities: readonly Municipality[]; people: readonly Person[]; projects: readonly Project[] }) {
    const names = new Map<number, NameVariant[]>();
    const add = (entity: IndexedEntity, variants: NameVariant[]) => {
      const usable = variants.filter((v) => v.words.length > 0);
      if (usable.length === 0) return;
      names.set(this.entities.length, usable);
      this.entities.push(entity);
    };
    for (const m of directory.municipalities) {
      this.municipalities.set(m.name, m);
      const variants: NameVariant[] = [{ words: words(m.name), factor: 1 }];
      if (m.kind === 'district') variants.push(...DISTRICT_WORDS.map((w) => ({ words: [w], factor: 0.9, partial: true })));
      add({ kind: 'municipality', id: m.name, label: m.name }, variants);
    }
    for (const p of directory.people) {
      this.people.set(p.email, p);
      if (p.aadObjectId) this.peopleByAadObjectId.set(p.aadObjectId.toLowerCase(), p);
      // Academic titles are not part of how people are asked for ("Dr. Anna Schmidt" is "Anna Schmidt").
      const parts = words(p.name).filter((w, i, all) => !(TITLES.has(w) && i < all.length - 1));
      const variants: NameVariant[] = [{ words: parts, factor: 1 }];
      if (parts.length > 1) {
        variants.push({ words: parts.slice(1), factor: 0.9, partial: true }, { words: [parts[parts.length - 1]!], factor: 0.9, partial: true }, { words: [parts[0]!], factor: 0.75, partial: true });
      }
      add({ kind: 'person', id: p.email, label: p.name }, variants);
    }
    for (const p of directory.projects) {
      this.projects.set(p.id, p);
      const variants: NameVariant[] = [p.title, ...titleParts(p.title), ...p.aliases].map((name) => ({ words: words(name), factor: 1 }));
      variants.push({ words: words(p.id), factor: 0.95 });
      add({ kind: 'project', id: p.id, label: p.title }, variants);
      if (p.field) this.fields.set(p.field, [...(this.fields.get(p.field) ?? []), p]);
    }
    this.sortedProjects = [...this.projects.values()].sort((a, b) => GERMAN.compare(a.title, b.title));
    for (const field of this.fields.keys()) add({ kind: 'field', id: field, label: field }, [{ words: words(field), factor: 1 }]);

    // Word weights per kind: ln(1 + entities of the kind / entities of the kind that use the word).
    const documentFrequency = new Map<string, number>();
    const kindCount = new Map<EntityKind, number>();
    for (const [index, variants] of names) {
      const kind = this.entities[index]!.kind;
      kindCount.set(kind, (kindCount.get(kind) ?? 0) + 1);
      for (const word of new Set(variants.flatMap((v) => v.words))) documentFrequency.set(`${kind}:${word}`, (documentFrequency.get(`${kind}:${word}`) ?? 0) + 1);
    }
    for (const [index, variants] of names) {
      const kind = this.entities[index]!.kind;
      for (const variant of variants) {
        const joined = variant.words.join('');
        // Stop words inside a name ("WLAN in öffentlichen Gebäuden") are not needed to recognise it.
        const content = variant.words.filter((w) => !isStopWord(w) && w.length > 1);
        const kept = content.length > 0 ? content : variant.words;
        const weights = kept.map((w) => Math.log(1 + kindCount.get(kind)! / (documentFrequency.get(`${kind}:${w}`) ?? 1)));
        const distinctive = kept.map((w) => w.length >= 4 && documentFrequency.get(`${kind}:${w}`) === 1);
        const id = this.variants.length;
        this.variants.push({ entity: index, words: kept, weights, distinctive, factor: variant.factor, partial: variant.partial ?? false });
        kept.forEach((w, i) => this.post(w, { variant: id, word: i }));
        if (variant.words.length > 1) this.post(joined, { variant: id, word: -1 });
      }
    }
  }

  private post(unit: string, posting: Posting): void {
    const list = this.exact.get(unit);
    if (list) list.push(posting);
    else {
      this.exact.set(unit, [posting]);
      const bucket = `${unit.length}${unit[0]}`;
      const similar = this.byLengthAndInitial.get(bucket);
      if (similar) similar.push(unit);
      else this.byLengthAndInitial.set(bucket, [unit]);
    }
    if (unit.length >= 5 && posting.word !== -1 && !this.compoundWords.has(unit)) {
      this.compoundWords.add(unit);
      for (const [map, key] of [
        [this.byStart, unit.slice(0, 5)],
        [this.byEnd, unit.slice(-5)],
      ] as const) {
        const list = map.get(key);
        if (list) list.push(unit);
        else map.set(key, [unit]);
      }
    }
    const key = stem(unit);
    const sameStem = this.stemmed.get(key);
    if (sameStem) sameStem.push(posting);
    else this.stemmed.set(key, [posting]);
  }

  /** Number of entities by kind (for tests and logs). */
  get size(): number {
    return this.entities.length;
  }

  project(id: string): Project | undefined {
    return this.projects.get(id);
  }

  municipality(name: string): Municipality | undefined {
    return this.municipalities.get(name);
  }

  /** The person whose Entra object id the directory holds, if any. */
  personByAadObjectId(aadObjectId: string): Person | undefined {
    return this.peopleByAadObjectId.get(aadObjectId.toLowerCase());
  }

  person(email: string): Person | undefined {
    return this.people.get(email);
  }

  /** Projects of a field of action, by title, or undefined for a field nobody uses. */
  fieldProjects(field: string): readonly Project[] | undefined {
    return this.fields.has(field) ? this.allProjects().filter((p) => p.field === field) : undefined;
  }

  /** Every project, sorted by title the German way (sorted once when built; lists keep this order). */
  allProjects(): readonly Project[] {
    return this.sortedProjects;
  }

  allPeople(): IterableIterator<Person> {
    return this.people.values();
  }

  allMunicipalities(): IterableIterator<Municipality> {
    return this.municipalities.values();
  }

  fieldNames(): string[] {
    return [...this.fields.keys()];
  }

  /** The indexed entity of a kind and key, if it exists. */
  entity(kind: EntityKind, id: string): IndexedEntity | undefined {
    if (kind === 'project') {
      const p = this.projects.get(id);
      return p && { kind, id, label: p.title };
    }
    if (kind === 'municipality') return this.municipalities.has(id) ? { kind, id, label: id } : undefined;
    if (kind === 'person') {
      const p = this.people.get(id);
      return p && { kind, id, label: p.name };
    }
    return this.fields.has(id) ? { kind, id, label: id } : undefined;
  }

  /**
   * Every entity some of whose names appear in the question's words, best first per kind. Words are
   * compared exactly, by stem, with typos relative to their length, as pieces of compounds, and in windows of
   * up to three neighbouring words joined ("Bürger Portal" = "Bürger-Portal" = "Bürgerportal"). `stopWords` marks
   * the positions of stop words, which may only take
   * part in joined windows ("E Vergabe"); `contentPositions` are the words that can name something by
   * themselves (not question words like "projects" or "responsible").
   */
  match(tokens: readonly Token[], stopWords: ReadonlySet<number>, contentPositions: ReadonlySet<number>): EntityMatch[] {
    const hits = new Map<number, VariantHit>();
    const record = (posting: Posting, quality: number, from: number, to: number) => {
      const variant = this.variants[posting.variant]!;
      let hit = hits.get(posting.variant);
      if (!hit) {
        hit = { quality: variant.words.map(() => 0), sources: variant.words.map(() => []) };
        hits.set(posting.variant, hit);
      }
      const targets = posting.word === -1 ? variant.words.map((_, i) => i) : [posting.word];
      const sources: number[] = [];
      for (let p = from; p < to; p++) if (!stopWords.has(p)) sources.push(p);
      for (const i of targets) {
        if (quality > hit.quality[i]!) {
          hit.quality[i] = quality;
          hit.sources[i] = sources;
        }
      }
    };

    for (let from = 0; from < tokens.length; from++) {
      if (stopWords.has(from)) {
        // A stop word may start a joined window ("e" + "akte") but is never a name on its own.
        for (let to = from + 2; to <= Math.min(tokens.length, from + MAX_WINDOW); to++) this.lookupExact(joinTokens(tokens, from, to), (p, q) => record(p, q, from, to));
        continue;
      }
      for (let to = from + 1; to <= Math.min(tokens.length, from + MAX_WINDOW); to++) {
        const unit = joinTokens(tokens, from, to);
        const single = to === from + 1;
        const hasStopWord = [...Array(to - from).keys()].some((k) => stopWords.has(from + k));
        const exact = this.lookupExact(unit, (p, q) => record(p, q, from, to));
        // Typos are looked for only where nothing matched exactly: "Möller" must not find "Müller" as well.
        if (!exact && !hasStopWord && !/^\d+$/.test(unit)) this.lookupTypos(unit, (p, q) => record(p, q, from, to));
        if (single && !exact) this.lookupCompoundParts(unit, (p, q) => record(p, q, from, to));
      }
    }

    const best = new Map<number, EntityMatch>();
    for (const [variantId, hit] of hits) {
      const variant = this.variants[variantId]!;
      const total = variant.weights.reduce((a, b) => a + b, 0);
      const found = variant.weights.reduce((sum, w, i) => sum + w * hit.quality[i]!, 0);
      const coverage = total > 0 ? found / total : 0;
      let score = coverage * variant.factor;
      const positions = new Map<number, number>();
      hit.quality.forEach((q, i) => {
        if (q < EXPLAINS) return;
        for (const p of hit.sources[i]!) positions.set(p, Math.max(q, positions.get(p) ?? 0));
        // A distinctive word written in full identifies the entity, unless it is only a question word.
        if (variant.distinctive[i] && q >= 0.9 && hit.sources[i]!.some((p) => contentPositions.has(p))) score = Math.max(score, IDENTIFIED * variant.factor * q);
      });
      // People are named only on solid ground: a lone first or last name must be written right ("Schulze" is
      // not "Schulte"), and a full name needs at least one of its words written right.
      if (this.entities[variant.entity]!.kind === 'person') {
        const exactWords = hit.quality.filter((q) => q >= 0.95).length;
        if (variant.partial ? exactWords < variant.words.length : exactWords === 0) score = Math.min(score, 0.5);
      }
      const complete = !variant.partial && hit.quality.every((q) => q >= EXPLAINS);
      const previous = best.get(variant.entity);
      if (!previous) best.set(variant.entity, { entity: this.entities[variant.entity]!, score, coverage, positions, complete });
      else {
        best.set(variant.entity, {
          entity: previous.entity,
          score: Math.max(score, previous.score),
          coverage: Math.max(coverage, previous.coverage),
          positions: mergePositions(previous.positions, positions),
          complete: previous.complete || complete,
        });
      }
    }
    // Deterministic order: score, then more question words explained, then label.
    return [...best.values()].sort((a, b) => b.score - a.score || b.positions.size - a.positions.size || GERMAN.compare(a.entity.label, b.entity.label));
  }

  /** Exact and stem matches; true when there was any. */
  private lookupExact(unit: string, found: (posting: Posting, quality: number) => void): boolean {
    const exact = this.exact.get(unit) ?? [];
    for (const posting of exact) found(posting, 1);
    const stemmed = unit.length >= 5 ? (this.stemmed.get(stem(unit)) ?? []) : [];
    for (const posting of stemmed) found(posting, 0.95);
    return exact.length + stemmed.length > 0;
  }

  /**
   * Typos: known units of a similar length starting with the same letter (or with the first two letters
   * swapped) are compared. A typo in the first letter is rare, and this keeps a question to a few thousand
   * comparisons in a directory of thousands of names.
   */
  private lookupTypos(unit: string, found: (posting: Posting, quality: number) => void): void {
    if (unit.length < 4) return;
    const tolerance = typoTolerance(unit.length);
    const initials = unit[0] === unit[1] ? [unit[0]!] : [unit[0]!, unit[1]!];
    for (let length = Math.max(4, unit.length - tolerance); length <= unit.length + tolerance; length++) {
      for (const initial of initials) {
        for (const known of this.byLengthAndInitial.get(`${length}${initial}`) ?? []) {
          if (initial !== unit[0] && known[1] !== unit[0]) continue;
          const similarity = typoSimilarity(unit, known);
          if (similarity === 0) continue;
          // Names of places and people tolerate one typo fewer: "Bergheim" is another town than "Bergheide".
          const typos = Math.round((1 - similarity) * 10);
          for (const posting of this.exact.get(known)!) {
            const kind = this.entities[this.variants[posting.variant]!.entity]!.kind;
            const proper = kind === 'municipality' || kind === 'person';
            if (!proper || typos <= Math.max(1, typoTolerance(Math.min(unit.length, known.length)) - 1)) found(posting, similarity);
          }
        }
      }
    }
  }

  /**
   * A written compound that contains a name word ("Bürgerportal" ⊃ "portal") or is part of one explains it only
   * partly. Name words are indexed by their first and last five letters, so only those sharing them are compared.
   */
  private lookupCompoundParts(unit: string, found: (posting: Posting, quality: number) => void): void {
    if (unit.length < 5) return;
    const candidates = new Set([...(this.byStart.get(unit.slice(0, 5)) ?? []), ...(this.byEnd.get(unit.slice(-5)) ?? [])]);
    for (const known of candidates) {
      if (Math.abs(known.length - unit.length) < 3) continue;
      const [short, long] = known.length < unit.length ? [known, unit] : [unit, known];
      if (long.startsWith(short) || long.endsWith(short)) for (const posting of this.exact.get(known)!) if (posting.word !== -1) found(posting, COMPOUND_PART);
    }
  }
}

function mergePositions(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): Map<number, number> {
  const merged = new Map(a);
  for (const [p, q] of b) merged.set(p, Math.max(q, merged.get(p) ?? 0));
  return merged;
}

function joinTokens(tokens: readonly Token[], from: number, to: number): string {
  let unit = '';
  for (let i = from; i < to; i++) unit += tokens[i]!.folded;
  return unit;
}

/** A title's parts: without its parenthesis, the parenthesis alone, and the parts around a colon or slash. */
function titleParts(title: string): string[] {
  const parts: string[] = [];
  const parenthesis = /\(([^)]*)\)/.exec(title);
  if (parenthesis) {
    parts.push(title.replace(parenthesis[0], ' ').trim(), parenthesis[1]!.trim());
  }
  for (const separator of [':', ' / ', ' – ', ' - ']) {
    if (title.includes(separator)) parts.push(...title.split(separator).map((s) => s.trim()));
  }
  return parts.filter(Boolean);
}

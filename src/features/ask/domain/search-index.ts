import type { Municipality, Person, Project, Role } from '../../../platform/directory/model';
import { typoSimilarity, typoTolerance } from './fuzzy';
import { alternativesOf, BUILT_IN_LEXICON, type Lexicon } from './lexicon';
import { compact, stem, words, type Token } from './normalize';
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
  /** The sum of {@link weights}. */
  readonly total: number;
  /** Per word: true when no other entity of the kind uses it, so it alone identifies the entity. */
  readonly distinctive: readonly boolean[];
  /** How much a perfect match of this name counts: a first name alone is weaker than the full name. */
  readonly factor: number;
  /** A part of the name only (a first or last name, "Kreis" for the district): never a complete match. */
  readonly partial: boolean;
  /** A name of a person, which is only taken on solid ground. */
  readonly person: boolean;
}

interface NameVariant {
  readonly words: string[];
  readonly factor: number;
  readonly partial?: boolean;
}

/** Where a name unit (one word of a variant, or all of them joined) can be found. */
interface Posting {
  readonly variant: number;
  /** The variant's entity. */
  readonly entity: number;
  /** The variant word this unit is, or -1 for the whole variant joined ("buergerportal"). */
  readonly word: number;
  /** The entity is a municipality or a person, whose names tolerate one typo fewer. */
  readonly proper: boolean;
  /** The most this unit found can add to the variant's score: its weighted share of the words, times the factor. */
  readonly share: number;
  /** The unit is or contains a distinctive word of the variant. */
  readonly distinctive: boolean;
}

/** Postings a question found together, by one lookup of one window of its words. */
interface Found {
  readonly postings: readonly Posting[];
  readonly quality: number;
  /** The question positions of the window (without stop words). */
  readonly sources: readonly number[];
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
const EXPLAINS = 0.8;
const COMPOUND_PART = 0.5;
const GERMAN = new Intl.Collator('de');
/** Words of a municipality's status before its name, left out when people name it. */
const TOWN_STATUS_WORDS = new Set(['stadt', 'gemeinde', 'markt', 'hansestadt', 'lutherstadt', 'samtgemeinde', 'amt', 'verbandsgemeinde', 'kreisstadt', 'ortsgemeinde', 'flecken']);
const TITLES = new Set(['dr', 'prof', 'professor', 'ing', 'dipl', 'med', 'rer', 'nat', 'phil', 'mag']);
const MAX_WINDOW = 3;

/** A name word found by itself is enough to identify an entity when nothing else of its kind has that word. */
const IDENTIFIED = 0.75;
/** How well a word of the lexicon matches the other words of its group ("parking" for „Parkraum“): like a typo. */
export const SYNONYM = 0.9;

/**
 * An in-memory search index over the directory: every name of every project, municipality, person and field
 * of action, by exact word, stem and joined compound, with word weights from how many entities of a kind
 * share a word (a word every title has, like "digital", identifies little). Built once per directory version;
 * a question is then answered from memory.
 */
export class DirectoryIndex {
  private readonly entities: IndexedEntity[] = [];
  private readonly variants: Variant[] = [];
  private readonly exact = new Map<string, KnownUnit>();
  private readonly stemmed = new Map<string, Posting[]>();
  /** Units by length and first letter (see {@link bucketKey}), for the typo scan. */
  private readonly byLengthAndInitial = new Map<number, KnownUnit[]>();
  /** Name words (five letters or more) by their first and by their last five letters, for compounds. */
  private readonly byStart = new Map<string, string[]>();
  private readonly byEnd = new Map<string, string[]>();
  private readonly compoundWords = new Set<string>();
  private readonly projects = new Map<string, Project>();
  private readonly municipalities = new Map<string, Municipality>();
  private readonly people = new Map<string, Person>();
  private readonly peopleByAadObjectId = new Map<string, Person>();
  /** People by municipality, in directory order. */
  private readonly peopleByMunicipality = new Map<string, Person[]>();
  /** People by role, by municipality and then name the German way. */
  private readonly peopleByRole = new Map<Role, Person[]>();
  /** Fields of action in the order first named, each with its projects by title. */
  private readonly fields = new Map<string, Project[]>();
  private readonly sortedProjects: readonly Project[];
  /** Each project's place in {@link sortedProjects}: sorting by title compares numbers, not strings. */
  private readonly titleRank = new Map<Project, number>();
  /** Projects by each of their names (id, title, aliases) {@link compact}ed; where names collide, the first by title. */
  private readonly projectsByCompactName = new Map<string, Project>();
  /** Projects by title, by the municipalities leading or taking part in them, by owner and by deputy. */
  private readonly projectsByMunicipality = new Map<string, Project[]>();
  private readonly projectsByOwner = new Map<string, Project[]>();
  private readonly projectsByDeputy = new Map<string, Project[]>();
  /** Per entity, its place in the German order of labels (equal labels share one): sorting compares numbers. */
  private readonly labelRank: number[] = [];
  private readonly hits: HitTable;

  /**
   * @param lexicon words of the field that mean the same ("parking" ↔ „Parkraum“): a written word that names
   *   nothing is also looked for as the other words of its group.
   */
  constructor(
    directory: { municipalities: readonly Municipality[]; people: readonly Person[]; projects: readonly Project[] },
    private readonly lexicon: Lexicon = BUILT_IN_LEXICON,
  ) {
    const names = new Map<number, NameVariant[]>();
    const add = (entity: IndexedEntity, variants: NameVariant[]) => {
      const usable = variants.filter((v) => v.words.length > 0);
      if (usable.length === 0) return;
      names.set(this.entities.length, usable);
      this.entities.push(entity);
    };
    for (const m of directory.municipalities) {
      this.municipalities.set(m.name, m);
      const named = words(m.name);
      const variants: NameVariant[] = [{ words: named, factor: 1 }];
      // „Lutherstadt Wittenau“, „Gemeinde Kleinzerbst“, „Markt Lenggau“ are called „Wittenau“, „Kleinzerbst“, „Lenggau“.
      // (A name of several words keeps them all: „Oberhaching-West“ must not be taken for „Oberhaching-Ost“.)
      if (named.length === 2 && TOWN_STATUS_WORDS.has(named[0]!)) variants.push({ words: named.slice(1), factor: 1 });
      // „Sankt Hinrich“ is written „St. Hinrich“ as often, and the other way round.
      if (named[0] === 'sankt' || named[0] === 'st') variants.push({ words: [named[0] === 'st' ? 'sankt' : 'st', ...named.slice(1)], factor: 1 });
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
      if (p.field && !this.fields.has(p.field)) this.fields.set(p.field, []);
    }
    for (const p of this.people.values()) {
      listed(this.peopleByMunicipality, p.municipality).push(p);
      for (const role of new Set(p.roles)) listed(this.peopleByRole, role).push(p);
    }
    for (const people of this.peopleByRole.values()) people.sort((a, b) => GERMAN.compare(a.municipality, b.municipality) || GERMAN.compare(a.name, b.name));
    this.sortedProjects = [...this.projects.values()].sort((a, b) => GERMAN.compare(a.title, b.title));
    this.sortedProjects.forEach((p, i) => this.titleRank.set(p, i));
    for (const p of this.sortedProjects) {
      for (const name of [p.id, p.title, ...p.aliases]) {
        const key = compact(name);
        if (key && !this.projectsByCompactName.has(key)) this.projectsByCompactName.set(key, p);
      }
      this.fields.get(p.field)?.push(p);
      for (const municipality of new Set([p.lead, ...p.participants])) listed(this.projectsByMunicipality, municipality).push(p);
      listed(this.projectsByOwner, p.owner).push(p);
      listed(this.projectsByDeputy, p.deputy).push(p);
    }
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
        const total = weights.reduce((a, b) => a + b, 0);
        this.variants.push({ entity: index, words: kept, weights, total, distinctive, factor: variant.factor, partial: variant.partial ?? false, person: kind === 'person' });
        const proper = kind === 'municipality' || kind === 'person';
        const share = (weight: number) => (total > 0 ? (weight / total) * variant.factor : 0);
        kept.forEach((w, i) => this.post(w, { variant: id, entity: index, word: i, proper, share: share(weights[i]!), distinctive: distinctive[i]! }));
        if (variant.words.length > 1) this.post(joined, { variant: id, entity: index, word: -1, proper, share: variant.factor, distinctive: distinctive.includes(true) });
      }
    }
    for (const known of this.exact.values()) {
      const own = new Set(known.postings);
      known.sameStem = (this.stemmed.get(stem(known.text)) ?? []).filter((p) => !own.has(p));
    }
    this.hits = new HitTable(this.variants, this.entities.length);
    const byLabel = this.entities.map((_, i) => i).sort((a, b) => GERMAN.compare(this.entities[a]!.label, this.entities[b]!.label));
    byLabel.forEach((entity, place) => {
      const previous = byLabel[place - 1];
      const same = previous !== undefined && GERMAN.compare(this.entities[previous]!.label, this.entities[entity]!.label) === 0;
      this.labelRank[entity] = same ? this.labelRank[previous]! : place;
    });
  }

  private post(unit: string, posting: Posting): void {
    const known = this.exact.get(unit);
    if (known) known.postings.push(posting);
    else {
      const created: KnownUnit = { text: unit, letters: letterSet(unit), postings: [posting], sameStem: [] };
      this.exact.set(unit, created);
      const bucket = bucketKey(unit.length, unit[0]!);
      const similar = this.byLengthAndInitial.get(bucket);
      if (similar) similar.push(created);
      else this.byLengthAndInitial.set(bucket, [created]);
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

  project(id: string): Project | undefined {
    return this.projects.get(id);
  }

  /** The project one of whose names (id, title, alias) is written exactly so, up to case, umlauts and punctuation. */
  projectNamed(name: string): Project | undefined {
    return this.projectsByCompactName.get(compact(name));
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
    return this.fields.get(field);
  }

  /** Projects a municipality leads or takes part in, by title. */
  municipalityProjects(name: string): readonly Project[] {
    return this.projectsByMunicipality.get(name) ?? [];
  }

  /** Projects a person owns, by title. */
  ownedProjects(email: string): readonly Project[] {
    return this.projectsByOwner.get(email) ?? [];
  }

  /** Projects a person is the deputy of, by title. */
  deputisedProjects(email: string): readonly Project[] {
    return this.projectsByDeputy.get(email) ?? [];
  }

  /** Projects of this index, sorted by title the German way (as {@link allProjects}), without comparing titles. */
  inTitleOrder(projects: Iterable<Project>): Project[] {
    return [...projects].sort((a, b) => (this.titleRank.get(a) ?? 0) - (this.titleRank.get(b) ?? 0));
  }

  /** Every project, sorted by title the German way (sorted once when built; lists keep this order). */
  allProjects(): readonly Project[] {
    return this.sortedProjects;
  }

  /** The people of a municipality, in directory order. */
  municipalityPeople(name: string): readonly Person[] {
    return this.peopleByMunicipality.get(name) ?? [];
  }

  /** The people with a role, by municipality and then name. */
  peopleWithRole(role: Role): readonly Person[] {
    return this.peopleByRole.get(role) ?? [];
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
   * themselves (not question words like "projects" or "responsible"). Entities scoring below `minScore` are left
   * out (a common word hits hundreds of names, most of them weakly).
   */
  /** True when the vocabulary holds these words as one phrase ("lost and found", written joined: `lostandfound`). */
  isPhrase(joined: string): boolean {
    return this.lexicon.has(joined);
  }

  match(tokens: readonly Token[], stopWords: ReadonlySet<number>, contentPositions: ReadonlySet<number>, minScore = 0): EntityMatch[] {
    const found: Found[] = [];
    for (let from = 0; from < tokens.length; from++) {
      // A stop word may start a joined window ("e" + "akte") but is never a name on its own.
      const startsWithStopWord = stopWords.has(from);
      for (let to = from + (startsWithStopWord ? 2 : 1); to <= Math.min(tokens.length, from + MAX_WINDOW); to++) {
        const unit = joinTokens(tokens, from, to);
        const sources: number[] = [];
        for (let p = from; p < to; p++) if (!stopWords.has(p)) sources.push(p);
        const exact = this.lookupExact(unit, sources, found);
        const hasStopWord = sources.length < to - from;
        // A word no name has may mean one that a name has, in the other language or in other words ("e-invoicing").
        // A phrase of the vocabulary may hold a stop word ("lost and found").
        if (!exact && (!hasStopWord || startsWithStopWord || this.lexicon.has(unit))) this.lookupSynonyms(unit, sources, found);
        if (!exact && !hasStopWord && to - from >= 2) this.lookupTranslatedCompounds(tokens, from, to, sources, found);
        if (startsWithStopWord) continue;
        // Typos are looked for only where nothing matched exactly: "Möller" must not find "Müller" as well.
        if (!exact && !hasStopWord && !/^\d+$/.test(unit)) this.lookupTypos(unit, sources, found);
        if (to === from + 1 && !exact) this.lookupCompoundParts(unit, sources, found);
      }
    }
    const hits = this.hits;
    hits.clear();
    if (minScore > 0) hits.markReachable(found, minScore);
    for (const f of found) hits.record(f.postings, f.quality, f.sources, minScore > 0);

    // Each name hit is scored; an entity scores as its best name, explains what all its names explain.
    const scores: number[] = [];
    const bestScore = new Map<number, number>();
    for (const variantId of hits.variants) {
      const variant = this.variants[variantId]!;
      let score = hits.coverage(variantId) * variant.factor;
      // A distinctive word written in full identifies the entity, unless it is only a question word.
      const identifying = hits.bestIdentifying(variantId, contentPositions);
      if (identifying > 0) score = Math.max(score, IDENTIFIED * variant.factor * identifying);
      // People are named only on solid ground: a lone first or last name must be written right ("Schulze" is
      // not "Schulte"), and a full name needs at least one of its words written right.
      if (variant.person) {
        const exactWords = hits.wordsAtLeast(variantId, 0.95);
        if (variant.partial ? exactWords < variant.words.length : exactWords === 0) score = Math.min(score, 0.5);
      }
      scores.push(score);
      bestScore.set(variant.entity, Math.max(score, bestScore.get(variant.entity) ?? 0));
    }

    const best = new Map<number, { entity: IndexedEntity; score: number; coverage: number; positions: Map<number, number>; complete: boolean }>();
    hits.variants.forEach((variantId, hit) => {
      const variant = this.variants[variantId]!;
      if (bestScore.get(variant.entity)! < minScore) return;
      let match = best.get(variant.entity);
      if (!match) {
        match = { entity: this.entities[variant.entity]!, score: 0, coverage: 0, positions: new Map(), complete: false };
        best.set(variant.entity, match);
      }
      match.score = Math.max(match.score, scores[hit]!);
      match.coverage = Math.max(match.coverage, hits.coverage(variantId));
      match.complete ||= !variant.partial && hits.wordsAtLeast(variantId, EXPLAINS) === variant.words.length;
      hits.addPositions(variantId, EXPLAINS, match.positions);
    });
    // Deterministic order: score, then more question words explained, then label.
    const rank = this.labelRank;
    return [...best]
      .sort(([entityA, a], [entityB, b]) => b.score - a.score || b.positions.size - a.positions.size || rank[entityA]! - rank[entityB]!)
      .map(([, match]) => match);
  }

  /**
   * Exact and stem matches; true when there was any. A known unit's own postings, found exactly, are not
   * recorded again for its stem (a lower quality changes nothing).
   */
  private lookupExact(unit: string, sources: readonly number[], found: Found[]): boolean {
    const known = this.exact.get(unit);
    if (known) {
      found.push({ postings: known.postings, quality: 1, sources });
      if (unit.length >= 5) found.push({ postings: known.sameStem, quality: 0.95, sources });
      return true;
    }
    const stemmed = unit.length >= 5 ? this.stemmed.get(stem(unit)) : undefined;
    if (stemmed) found.push({ postings: stemmed, quality: 0.95, sources });
    return stemmed !== undefined;
  }

  /** The other words of the unit's lexicon groups, found as names are (not their typos): a little below exact. */
  private lookupSynonyms(unit: string, sources: readonly number[], found: Found[]): void {
    // A phrase found as a whole ("council information system") explains all its words, not just the first one,
    // which alone may mean the same name ("council"): the longer window wins by a hair.
    const quality = SYNONYM + 0.001 * (sources.length - 1);
    for (const other of alternativesOf(this.lexicon, unit)) {
      const known = this.exact.get(other);
      if (known) found.push({ postings: known.postings.filter((p) => !p.proper), quality, sources });
      else {
        const stemmed = other.length >= 5 ? this.stemmed.get(stem(other)) : undefined;
        if (stemmed) found.push({ postings: stemmed.filter((p) => !p.proper), quality: quality * 0.95, sources });
      }
    }
  }

  /**
   * Words written apart that a name joins into one German compound, each part perhaps in the other language:
   * "parking management" → „Parkraummanagement“, "election helpers portal" → „Wahlhelferportal“, „Friedhof
   * Verwaltung“ → „Friedhofsverwaltung“. The window is split in two at every word; each side stands for itself and
   * for the other words of its lexicon groups, and the two are joined with and without the linking "s". Found as a
   * synonym is: a little below exact.
   */
  private lookupTranslatedCompounds(tokens: readonly Token[], from: number, to: number, sources: readonly number[], found: Found[]): void {
    const quality = SYNONYM + 0.001 * (sources.length - 1);
    for (let split = from + 1; split < to; split++) {
      const left = joinTokens(tokens, from, split);
      const right = joinTokens(tokens, split, to);
      const lefts = [left, ...alternativesOf(this.lexicon, left)];
      const rights = [right, ...alternativesOf(this.lexicon, right)];
      for (const l of lefts) {
        for (const r of rights) {
          for (const joined of l === left && r === right ? [`${l}s${r}`] : [l + r, `${l}s${r}`]) {
            const known = this.exact.get(joined);
            if (known) found.push({ postings: known.postings.filter((p) => !p.proper), quality, sources });
          }
        }
      }
    }
  }

  /**
   * Typos: known units of a similar length starting with the same letter (or with the first two letters
   * swapped) are compared. A typo in the first letter is rare, and this keeps a question to a few thousand
   * comparisons in a directory of thousands of names. Units that differ in more letters than typos are
   * allowed (see {@link letterSet}) are passed over without computing the edit distance.
   */
  private lookupTypos(unit: string, sources: readonly number[], found: Found[]): void {
    if (unit.length < 4) return;
    const tolerance = typoTolerance(unit.length);
    const letters = letterSet(unit);
    const initials = unit[0] === unit[1] ? [unit[0]!] : [unit[0]!, unit[1]!];
    for (let length = Math.max(4, unit.length - tolerance); length <= unit.length + tolerance; length++) {
      for (const initial of initials) {
        for (const known of this.byLengthAndInitial.get(bucketKey(length, initial)) ?? []) {
          if (initial !== unit[0] && known.text[1] !== unit[0]) continue;
          if (bitCount(letters & ~known.letters) > tolerance || bitCount(known.letters & ~letters) > tolerance) continue;
          const similarity = typoSimilarity(unit, known.text);
          if (similarity === 0) continue;
          // Names of places and people tolerate one typo fewer: "Bergheim" is another town than "Bergheide".
          const typos = Math.round((1 - similarity) * 10);
          const properToo = typos <= Math.max(1, typoTolerance(Math.min(unit.length, known.text.length)) - 1);
          found.push({ postings: properToo ? known.postings : known.postings.filter((p) => !p.proper), quality: similarity, sources });
        }
      }
    }
  }

  /**
   * A written compound that contains a name word ("Bürgerportal" ⊃ "portal") or is part of one explains it only
   * partly. Name words are indexed by their first and last five letters, so only those sharing them are compared.
   */
  private lookupCompoundParts(unit: string, sources: readonly number[], found: Found[]): void {
    if (unit.length < 5) return;
    const start = unit.slice(0, 5);
    const sameStart = this.byStart.get(start) ?? [];
    // Words with the same start and end come once, with those of the same start.
    const sameEnd = (this.byEnd.get(unit.slice(-5)) ?? []).filter((known) => !known.startsWith(start));
    for (const known of [...sameStart, ...sameEnd]) {
      if (Math.abs(known.length - unit.length) < 3) continue;
      const [short, long] = known.length < unit.length ? [known, unit] : [unit, known];
      if (long.startsWith(short) || long.endsWith(short)) {
        // A written word that is most of a longer name word ("Ratsinformation" of „Ratsinformationssystem“) names
        // it almost as well as the whole word; a name word inside a longer written compound only partly.
        const shortened = short === unit && unit.length >= 7 && unit.length / known.length >= 0.6;
        const quality = shortened ? Math.min(0.85, COMPOUND_PART + 0.5 * (unit.length / known.length)) : COMPOUND_PART;
        found.push({ postings: this.exact.get(known)!.postings.filter((p) => p.word !== -1), quality, sources });
      }
    }
  }
}

/**
 * What one question found of each name, word by word: per variant word, the best quality found and the question
 * positions it was found at (the first of equal ones). Owned by an index and reused from question to question
 * (matching is synchronous). Every word of every variant has a slot in flat arrays (variant v's words from
 * `offset[v]` on), beside its weight and whether it is distinctive, so scoring the hundreds of names a common
 * word ("digitale") hits reads a few adjacent numbers per name and allocates nothing. A variant's slots are reset
 * when a question first hits it.
 */
class HitTable {
  private readonly offset: Int32Array;
  private readonly weight: Float64Array;
  private readonly distinctive: Uint8Array;
  private readonly total: Float64Array;
  private readonly qualities: Float64Array;
  private readonly found: (readonly number[])[];
  /** The question that last hit a variant (a count, so that no slot needs resetting between questions). */
  private readonly hitBy: Float64Array;
  /** Per variant, at most how much of it the question found (see {@link markReachable}), and for which question. */
  private readonly reach: Float64Array;
  private readonly reachBy: Float64Array;
  /** The question for which an entity can reach the score asked for. */
  private readonly reachable: Float64Array;
  private question = 0;
  /** The variants hit by the current question, in the order first hit (equal scores keep this order). */
  readonly variants: number[] = [];

  constructor(variants: readonly Variant[], entities: number) {
    this.offset = new Int32Array(variants.length + 1);
    variants.forEach((v, i) => (this.offset[i + 1] = this.offset[i]! + v.words.length));
    const slots = this.offset[variants.length]!;
    this.weight = new Float64Array(slots);
    this.distinctive = new Uint8Array(slots);
    this.total = new Float64Array(variants.length);
    variants.forEach((v, i) => {
      this.total[i] = v.total;
      v.weights.forEach((w, word) => (this.weight[this.offset[i]! + word] = w));
      v.distinctive.forEach((d, word) => (this.distinctive[this.offset[i]! + word] = d ? 1 : 0));
    });
    this.qualities = new Float64Array(slots);
    this.found = new Array<readonly number[]>(slots).fill(NOWHERE);
    this.hitBy = new Float64Array(variants.length);
    this.reach = new Float64Array(variants.length);
    this.reachBy = new Float64Array(variants.length);
    this.reachable = new Float64Array(entities);
  }

  /** Starts a new question. */
  clear(): void {
    this.question++;
    this.variants.length = 0;
  }

  /**
   * Marks the entities that can reach `minScore` with what the question found, for {@link record} to leave out
   * the others: a common word ("digitale") hits hundreds of names that cannot score enough with it. A name scores
   * at most the sum of {@link Posting.share} times quality over its units found (more when a word was found
   * twice), unless one of its distinctive words identifies it; an entity none of whose names can get there would
   * be left out of the result anyway.
   */
  markReachable(found: readonly Found[], minScore: number): void {
    for (const { postings, quality } of found) {
      for (const posting of postings) {
        const variant = posting.variant;
        const before = this.reachBy[variant] === this.question ? this.reach[variant]! : 0;
        this.reachBy[variant] = this.question;
        const reach = (this.reach[variant] = before + posting.share * quality);
        // (A margin for rounding: the sum here and the coverage are added up in different orders.)
        if ((posting.distinctive && quality >= 0.9) || reach >= minScore - 1e-9) this.reachable[posting.entity] = this.question;
      }
    }
  }

  /**
   * The postings' words were found with this quality at these question positions. With `reachableOnly`, postings
   * of entities that {@link markReachable} did not mark are left out.
   */
  record(postings: readonly Posting[], quality: number, sources: readonly number[], reachableOnly: boolean): void {
    for (const posting of postings) {
      if (reachableOnly && this.reachable[posting.entity] !== this.question) continue;
      const variant = posting.variant;
      const first = this.offset[variant]!;
      const end = this.offset[variant + 1]!;
      if (this.hitBy[variant] !== this.question) {
        this.hitBy[variant] = this.question;
        this.variants.push(variant);
        this.qualities.fill(0, first, end);
        this.found.fill(NOWHERE, first, end);
      }
      // The joined name ("buergerportal") stands for all of its words.
      for (let slot = posting.word === -1 ? first : first + posting.word; slot < (posting.word === -1 ? end : first + posting.word + 1); slot++) {
        if (quality > this.qualities[slot]!) {
          this.qualities[slot] = quality;
          this.found[slot] = sources;
        }
      }
    }
  }

  /** The weighted share of a variant's words found, 0..1. */
  coverage(variant: number): number {
    let found = 0;
    for (let slot = this.offset[variant]!; slot < this.offset[variant + 1]!; slot++) found += this.weight[slot]! * this.qualities[slot]!;
    const total = this.total[variant]!;
    return total > 0 ? found / total : 0;
  }

  /** How many of a variant's words were found at least this well. */
  wordsAtLeast(variant: number, quality: number): number {
    let count = 0;
    for (let slot = this.offset[variant]!; slot < this.offset[variant + 1]!; slot++) if (this.qualities[slot]! >= quality) count++;
    return count;
  }

  /** The best quality (0.9 or more) of a distinctive word of the variant found at one of these positions, else 0. */
  bestIdentifying(variant: number, positions: ReadonlySet<number>): number {
    let best = 0;
    for (let slot = this.offset[variant]!; slot < this.offset[variant + 1]!; slot++) {
      const quality = this.qualities[slot]!;
      if (this.distinctive[slot] && quality >= 0.9 && quality > best && this.found[slot]!.some((p) => positions.has(p))) best = quality;
    }
    return best;
  }

  /** Adds the positions of the variant's words found at least this well to `positions`, with the best quality per position. */
  addPositions(variant: number, quality: number, positions: Map<number, number>): void {
    for (let slot = this.offset[variant]!; slot < this.offset[variant + 1]!; slot++) {
      const q = this.qualities[slot]!;
      if (q < quality) continue;
      for (const p of this.found[slot]!) positions.set(p, Math.max(q, positions.get(p) ?? 0));
    }
  }
}

const NOWHERE: readonly number[] = [];

/** A unit of some name, with where it is found. */
interface KnownUnit {
  readonly text: string;
  /** See {@link letterSet}. */
  readonly letters: number;
  readonly postings: Posting[];
  /** The postings of other units with the same stem ("digitaler" for "digitale"). */
  sameStem: readonly Posting[];
}

function bucketKey(length: number, initial: string): number {
  return length * 0x10000 + initial.charCodeAt(0);
}

/**
 * The letters a folded word uses, as bits (digits share six bits). Each edit adds or removes at most one letter,
 * so two words whose sets differ in more than k letters, either way, are more than k edits apart.
 */
function letterSet(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    bits |= 1 << (c >= 97 ? c - 97 : 26 + ((c - 48) % 6));
  }
  return bits;
}

function bitCount(bits: number): number {
  let n = bits - ((bits >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The list under a key, created empty when there is none. */
function listed<T>(map: Map<string, T[]>, key: string): T[] {
  const list = map.get(key);
  if (list) return list;
  const created: T[] = [];
  map.set(key, created);
  return created;
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

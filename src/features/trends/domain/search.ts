import { compact, fold, isFiller, stem, typoSimilarity, words } from '../../ask';
import type { Trend } from './model';
import { listed } from './phrases';

/** How many notes a list answer shows; the total is given besides. */
export const LIST_LIMIT = 10;

/** A page of notes, newest first, and how many there are in all. */
export interface TrendList {
  readonly items: readonly Trend[];
  readonly total: number;
}

/**
 * Words of both languages that name the same topic, so that "trends about AI" finds notes tagged #KI. Only
 * general words: names of projects and fields come from the directory.
 */
const SAME_TOPIC: readonly (readonly string[])[] = [
  ['ki', 'ai', 'kuenstlicheintelligenz', 'artificialintelligence'],
  ['mobilitaet', 'mobility'],
  ['bildung', 'education'],
  ['verwaltung', 'administration'],
  ['gesundheit', 'health'],
  ['energie', 'energy'],
  ['klima', 'climate'],
  ['sicherheit', 'security'],
  ['digitalisierung', 'digitalisation', 'digitalization'],
  ['buergerservice', 'citizenservice', 'citizenservices'],
];
const SYNONYMS = new Map(SAME_TOPIC.flatMap((group) => group.map((word) => [word, group] as const)));

/** A query word this long or longer also finds words it begins ("Mobil" finds "Mobilität"). */
const PREFIX_LENGTH = 4;

/**
 * The trend notes of the group in memory, searchable the way Ask understands questions: every word of a note
 * (title, summary, tags, field of action, the projects it concerns) folded (case, umlauts, accents), compared
 * exactly, by stem, by its beginning and with typos relative to its length. Built once per version of the notes;
 * a question reads nothing from storage.
 */
export class TrendIndex {
  /** Newest first. */
  private readonly trends: readonly Trend[];
  private readonly postings = new Map<string, Set<number>>();
  private readonly stems = new Map<string, Set<string>>();
  /** Words by length, for the typo and prefix scans. */
  private readonly byLength = new Map<number, string[]>();
  private readonly byProject = new Map<string, Trend[]>();

  constructor(trends: readonly Trend[]) {
    this.trends = [...trends].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id));
    this.trends.forEach((trend, index) => {
      const text = [trend.title, trend.summary, trend.field, ...trend.tags, ...trend.projects.map((p) => p.title)].join(' ');
      const all = new Set(words(text));
      // Tags and names are also indexed joined ("#E-Akte" is "eakte"), as a question may write them together.
      for (const name of [...trend.tags, trend.field, ...trend.projects.map((p) => p.title)]) if (compact(name)) all.add(compact(name));
      for (const word of all) this.post(word, index);
      for (const project of trend.projects) listed(this.byProject, project.id).push(trend);
    });
  }

  private post(word: string, index: number): void {
    let set = this.postings.get(word);
    if (!set) {
      this.postings.set(word, (set = new Set()));
      const key = stem(word);
      this.stems.set(key, (this.stems.get(key) ?? new Set()).add(word));
      listed(this.byLength, word.length).push(word);
    }
    set.add(index);
  }

  /** The newest notes. */
  latest(limit = LIST_LIMIT): TrendList {
    return page(this.trends, limit);
  }

  /** The notes filed under a field of action (as the directory writes it), newest first. */
  inField(field: string, limit = LIST_LIMIT): TrendList {
    return page(
      this.trends.filter((t) => t.field === field),
      limit,
    );
  }

  /** The newest notes concerning a project. */
  concerning(projectId: string, limit: number): readonly Trend[] {
    return (this.byProject.get(projectId) ?? []).slice(0, limit);
  }

  /**
   * The notes that contain every content word of the topic (filler words such as "Projekte" or "bitte" left out),
   * newest first. An empty topic lists the newest notes.
   */
  search(topic: string, limit = LIST_LIMIT): TrendList {
    const wanted = words(topic).filter((w) => !isFiller(w));
    if (wanted.length === 0) return this.latest(limit);
    let found: Set<number> | undefined;
    for (const word of wanted) {
      const matches = this.matching(word);
      found = found ? new Set([...found].filter((i) => matches.has(i))) : matches;
      if (found.size === 0) break;
    }
    return page(
      [...(found ?? [])].sort((a, b) => a - b).map((i) => this.trends[i]!),
      limit,
    );
  }

  /** Fields of action the notes are filed under. */
  fieldNames(): string[] {
    return [...new Set(this.trends.map((t) => t.field).filter(Boolean))];
  }

  /** The notes (by position) with a word matching this one, or a word of the same topic. */
  private matching(word: string): Set<number> {
    const result = new Set<number>();
    for (const form of SYNONYMS.get(word) ?? [word]) for (const known of this.similarWords(form)) for (const i of this.postings.get(known)!) result.add(i);
    return result;
  }

  /** Known words equal to this one, of the same stem, beginning with it (4 letters or more), or within its typo tolerance. */
  private similarWords(word: string): Set<string> {
    const similar = new Set<string>(this.stems.get(stem(word)) ?? []);
    if (this.postings.has(word)) similar.add(word);
    for (const [length, known] of this.byLength) {
      if (length < word.length - 3) continue;
      for (const candidate of known) {
        if ((word.length >= PREFIX_LENGTH && candidate.startsWith(word)) || (Math.abs(length - word.length) <= 3 && typoSimilarity(word, candidate) > 0)) similar.add(candidate);
      }
    }
    return similar;
  }
}

function page(trends: readonly Trend[], limit: number): TrendList {
  return { items: trends.slice(0, limit), total: trends.length };
}

/** The field of action a person meant, among those known: written as it is up to case and umlauts, or with a typo. */
export function resolveField(written: string, fields: readonly string[]): string | undefined {
  const wanted = compact(written);
  if (!wanted) return undefined;
  const exact = fields.find((f) => compact(f) === wanted);
  if (exact) return exact;
  const scored = fields.map((f) => ({ f, score: typoSimilarity(wanted, compact(f)) })).filter((s) => s.score > 0);
  scored.sort((a, b) => b.score - a.score);
  return scored[0]?.f ?? fields.find((f) => fold(f).startsWith(fold(written).trim()) && written.trim().length >= PREFIX_LENGTH);
}

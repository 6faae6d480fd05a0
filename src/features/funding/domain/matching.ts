import { deu, eng } from 'stopword';
import type { Project } from '../../../platform/directory/model';
import { compact, stem, typoSimilarity, words } from '../../ask';
import type { FundingCall } from './model';

/** Words that say nothing about a topic ("der", "und", "for"): a keyword's other words must match. */
const STOP_WORDS = new Set([...deu, ...eng].map((w) => compact(w)));

/** Where a keyword was found in a project. */
export type KeywordPlace = 'title' | 'summary';

/** Why a project fits a call: the fields of action they share and the call's keywords found in the project. */
export interface ProjectMatch {
  readonly project: Project;
  /** Higher is better: a shared field of action counts most, a keyword in the title or an alias more than one in the summary. */
  readonly score: number;
  readonly fields: readonly string[];
  readonly keywords: readonly { readonly keyword: string; readonly place: KeywordPlace }[];
}

/** A project's words, folded, as matching compares them. */
interface ProjectText {
  readonly project: Project;
  readonly field: string;
  /** The words of its title and aliases, and those of its summary. */
  readonly title: readonly string[];
  readonly summary: readonly string[];
  /** Title and aliases each written as one word: where a keyword written as one is looked for ("eakte"). */
  readonly titleCompact: string;
}

const SCORE = { field: 2, title: 1.5, summary: 1 } as const;
/** How many calls' matches a matcher remembers (a working group has tens or hundreds of calls). */
const MAX_REMEMBERED = 1_000;
/** Titles in German order (one collator: `localeCompare` with a locale builds one per call). */
const TITLES = new Intl.Collator('de');

/**
 * Whether a written word and a project's word are the same as people mean it: equal, the same stem ("Schulen",
 * "Schule"), a typo apart (as Ask tolerates them), or one the start of the other ("Breitband", "Breitbandausbau")
 * when the shorter has five letters or more.
 */
function sameWord(keyword: string, word: string): boolean {
  if (keyword === word || stem(keyword) === stem(word)) return true;
  if (typoSimilarity(keyword, word) > 0) return true;
  const [shorter, longer] = keyword.length <= word.length ? [keyword, word] : [word, keyword];
  return shorter.length >= 5 && longer.startsWith(shorter);
}

/** The folded forms of the directory's fields of action, to compare a call's fields with a project's. */
function fieldKey(field: string): string {
  return compact(field);
}

/** The words of a keyword that must be found: those that carry meaning, or all when none does. */
function neededWords(keyword: string): string[] {
  const all = words(keyword);
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  return meaningful.length > 0 ? meaningful : all;
}

/**
 * Matching over one list of projects (a directory snapshot): their words folded once, and for each word of a
 * keyword the projects' words that are the same (see {@link sameWord}) found once in the list's vocabulary, so a
 * call is matched against thousands of projects without comparing every keyword with every word of every project.
 */
class ProjectMatcher {
  private readonly texts: readonly ProjectText[];
  private readonly vocabulary: readonly string[];
  private readonly same = new Map<string, ReadonlySet<string>>();
  /** What each call (by its fields and keywords) matched: a question listing calls asks again and again. */
  private readonly results = new Map<string, readonly ProjectMatch[]>();

  constructor(projects: readonly Project[]) {
    this.texts = projects.map((project) => {
      const names = [project.title, ...project.aliases];
      return { project, field: fieldKey(project.field), title: [...new Set(names.flatMap(words))], summary: [...new Set(words(project.summary))], titleCompact: names.map(compact).join(' ') };
    });
    this.vocabulary = [...new Set(this.texts.flatMap((t) => [...t.title, ...t.summary]))];
  }

  /** The projects' words that are the same as a keyword's word. */
  private sameAs(word: string): ReadonlySet<string> {
    let found = this.same.get(word);
    if (!found) {
      found = new Set(this.vocabulary.filter((w) => sameWord(word, w)));
      this.same.set(word, found);
    }
    return found;
  }

  /** True when each set holds one of the words (every needed word of a keyword is there), or the keyword written as one is in `joined`. */
  private static keywordIn(needed: readonly ReadonlySet<string>[], whole: string, text: readonly string[], joined: string): boolean {
    if (needed.length > 0 && needed.every((same) => text.some((w) => same.has(w)))) return true;
    return whole.length >= 5 && joined.includes(whole);
  }

  match(call: Pick<FundingCall, 'fields' | 'keywords'>, excluded: ReadonlySet<string>): ProjectMatch[] {
    const key = JSON.stringify([call.fields, call.keywords]);
    let all = this.results.get(key);
    if (!all) {
      if (this.results.size >= MAX_REMEMBERED) this.results.clear();
      all = this.compute(call);
      this.results.set(key, all);
    }
    return excluded.size === 0 ? [...all] : all.filter((m) => !excluded.has(m.project.id));
  }

  private compute(call: Pick<FundingCall, 'fields' | 'keywords'>): ProjectMatch[] {
    const fields = call.fields.map((f) => ({ field: f, key: fieldKey(f) }));
    const keywords = call.keywords.map((keyword) => ({ keyword, needed: neededWords(keyword).map((w) => this.sameAs(w)), whole: compact(keyword) }));
    const matches: ProjectMatch[] = [];
    for (const text of this.texts) {
      if (text.project.phase === 'done') continue;
      const shared = fields.filter((f) => f.key === text.field).map((f) => f.field);
      const found: { keyword: string; place: KeywordPlace }[] = [];
      for (const k of keywords) {
        if (ProjectMatcher.keywordIn(k.needed, k.whole, text.title, text.titleCompact)) found.push({ keyword: k.keyword, place: 'title' });
        else if (ProjectMatcher.keywordIn(k.needed, '', text.summary, '')) found.push({ keyword: k.keyword, place: 'summary' });
      }
      if (shared.length === 0 && found.length === 0) continue;
      matches.push({ project: text.project, score: shared.length * SCORE.field + found.reduce((sum, k) => sum + SCORE[k.place], 0), fields: shared, keywords: found });
    }
    return matches.sort((a, b) => b.score - a.score || TITLES.compare(a.project.title, b.project.title));
  }
}

/** One matcher per list of projects: a directory snapshot's list stays the same object while it is current. */
const matchers = new WeakMap<readonly Project[], ProjectMatcher>();

function matcherFor(projects: readonly Project[]): ProjectMatcher {
  let matcher = matchers.get(projects);
  if (!matcher) {
    matcher = new ProjectMatcher(projects);
    matchers.set(projects, matcher);
  }
  return matcher;
}

/** How well one project fits one call; undefined when it does not. Projects that are done are not looked at. */
export function matchProject(call: Pick<FundingCall, 'fields' | 'keywords'>, project: Project): ProjectMatch | undefined {
  return new ProjectMatcher([project]).match(call, new Set())[0];
}

/**
 * The directory's projects that fit a call, best first (then by title): the same field of action, or the call's
 * keywords in their titles, aliases or summaries — umlauts written out or not, inflected, with typos, as Ask
 * reads names. `excluded`: project ids whose owner said the call does not fit.
 */
export function matchProjects(call: Pick<FundingCall, 'fields' | 'keywords'>, projects: readonly Project[], excluded: ReadonlySet<string> = new Set()): ProjectMatch[] {
  return matcherFor(projects).match(call, excluded);
}

/**
 * The directory's field of action a text names (`Bildung`, `bildung`, `Verwaltung digital`, with a typo), spelt
 * as the directory spells it; undefined when it names none.
 */
export function fieldNamed(text: string, fields: readonly string[]): string | undefined {
  const wanted = compact(text);
  if (!wanted) return undefined;
  const exact = fields.find((f) => fieldKey(f) === wanted);
  if (exact) return exact;
  const close = fields.map((f) => ({ f, s: typoSimilarity(wanted, fieldKey(f)) })).filter((x) => x.s > 0).sort((a, b) => b.s - a.s);
  return close[0]?.f;
}

/** The distinct fields of action of the directory's projects, sorted. */
export function fieldsOf(projects: readonly Project[]): string[] {
  const byKey = new Map<string, string>();
  for (const p of projects) if (p.field && !byKey.has(fieldKey(p.field))) byKey.set(fieldKey(p.field), p.field);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'de'));
}

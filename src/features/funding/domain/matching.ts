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
  readonly title: readonly string[];
  readonly titleCompact: string;
  readonly summary: readonly string[];
}

const SCORE = { field: 2, title: 1.5, summary: 1 } as const;

function projectText(project: Project): ProjectText {
  const names = [project.title, ...project.aliases];
  return { title: names.flatMap(words), titleCompact: names.map(compact).join(' '), summary: words(project.summary) };
}

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

/** True when every word of the keyword that carries meaning is among the text's words (or the whole keyword, written as one, is in it). */
function keywordIn(keyword: string, text: readonly string[], joined = ''): boolean {
  const all = words(keyword);
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  const needed = meaningful.length > 0 ? meaningful : all;
  if (needed.length === 0) return false;
  if (needed.every((k) => text.some((w) => sameWord(k, w)))) return true;
  const whole = compact(keyword);
  return whole.length >= 5 && joined.includes(whole);
}

/** The folded forms of the directory's fields of action, to compare a call's fields with a project's. */
function fieldKey(field: string): string {
  return compact(field);
}

/** How well one project fits one call; undefined when it does not. Projects that are done are not looked at. */
export function matchProject(call: Pick<FundingCall, 'fields' | 'keywords'>, project: Project): ProjectMatch | undefined {
  if (project.phase === 'done') return undefined;
  const fields = call.fields.filter((f) => fieldKey(f) === fieldKey(project.field));
  const text = projectText(project);
  const keywords: { keyword: string; place: KeywordPlace }[] = [];
  for (const keyword of call.keywords) {
    if (keywordIn(keyword, text.title, text.titleCompact)) keywords.push({ keyword, place: 'title' });
    else if (keywordIn(keyword, text.summary)) keywords.push({ keyword, place: 'summary' });
  }
  if (fields.length === 0 && keywords.length === 0) return undefined;
  const score = fields.length * SCORE.field + keywords.reduce((sum, k) => sum + SCORE[k.place], 0);
  return { project, score, fields, keywords };
}

/**
 * The directory's projects that fit a call, best first (then by title): the same field of action, or the call's
 * keywords in their titles, aliases or summaries — umlauts written out or not, inflected, with typos, as Ask
 * reads names. `excluded`: project ids whose owner said the call does not fit.
 */
export function matchProjects(call: Pick<FundingCall, 'fields' | 'keywords'>, projects: readonly Project[], excluded: ReadonlySet<string> = new Set()): ProjectMatch[] {
  return projects
    .filter((p) => !excluded.has(p.id))
    .flatMap((p) => matchProject(call, p) ?? [])
    .sort((a, b) => b.score - a.score || a.project.title.localeCompare(b.project.title, 'de'));
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

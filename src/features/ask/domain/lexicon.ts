import builtIn from './lexicon.json';
import { compact, stem } from './normalize';

/**
 * Words of the field that mean the same, in English and German ("parking" ↔ „Parkraum“, "education" ↔
 * „Bildung“): a question's word that names nothing in the directory is looked for as each of the others. Each
 * word (compacted: folded, letters and digits only, so phrases match names written joined or apart) maps to the
 * other words of every group it is in.
 */
export type Lexicon = ReadonlyMap<string, readonly string[]>;

/** The groups of words, as `lexicon.json` and a file named by `ASK_VOCABULARY_FILE` hold them. */
export interface LexiconData {
  readonly groups: readonly (readonly string[])[];
}

/** Checks the shape of lexicon data read from a file; returns what is wrong, or the data. */
export function parseLexiconData(data: unknown): LexiconData | string {
  if (!data || typeof data !== 'object' || !Array.isArray((data as { groups?: unknown }).groups)) return 'must be a JSON object with "groups": an array of arrays of words';
  const groups = (data as { groups: unknown[] }).groups;
  for (const [i, group] of groups.entries()) {
    if (!Array.isArray(group) || group.length < 2 || !group.every((w) => typeof w === 'string' && compact(w).length > 0 && w.length <= 80)) {
      return `group ${i + 1} must be an array of at least two words (each at most 80 characters)`;
    }
  }
  return { groups: groups as string[][] };
}

/** The lexicon of the built-in groups and any added ones. */
export function buildLexicon(...sources: readonly LexiconData[]): Lexicon {
  const others = new Map<string, Set<string>>();
  for (const { groups } of sources) {
    for (const group of groups) {
      const words = [...new Set(group.map(compact))];
      for (const word of words) {
        const set = others.get(word) ?? new Set<string>();
        for (const other of words) if (other !== word) set.add(other);
        others.set(word, set);
      }
    }
  }
  return new Map([...others].map(([word, set]) => [word, [...set]]));
}

/** The built-in lexicon (`lexicon.json`). */
export const BUILT_IN_LEXICON: Lexicon = buildLexicon(builtIn);

/** The other words for a written word or its stem ("invoices" → "invoice" → „Rechnung“ …); none when unknown. */
export function alternativesOf(lexicon: Lexicon, word: string): readonly string[] {
  return lexicon.get(word) ?? lexicon.get(stem(word)) ?? NONE;
}

const NONE: readonly string[] = [];

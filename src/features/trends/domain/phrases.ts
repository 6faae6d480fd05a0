import { compact, stem, words } from '../../ask';

/** A phrase found in a text, with what it stands for. */
export interface PhraseHit<T> {
  readonly phrase: string;
  readonly value: T;
}

/** Neighbouring words joined into one unit: "E Akte", "E-Akte" and "EAkte" are one name. */
const MAX_WINDOW = 4;

/**
 * Finds known phrases (project names and aliases, fields of action, keywords) in a text the way Ask compares
 * names: folded (case, umlauts as ae/oe/ue/ss, accents), punctuation and spaces ignored, so "E-Akte", "eAkte" and
 * "E Akte" are the same, and longer words compared by their stem ("Chatbots" is "Chatbot"). A phrase is found
 * when it is a whole run of the text's words, never a piece of a word: "KI" is not found in "Kita".
 */
export class PhraseMatcher<T> {
  private readonly exact = new Map<string, PhraseHit<T>[]>();
  private readonly stemmed = new Map<string, PhraseHit<T>[]>();

  constructor(phrases: Iterable<readonly [phrase: string, value: T]>) {
    for (const [phrase, value] of phrases) {
      const key = compact(phrase);
      if (key.length < 2) continue;
      const hit = { phrase, value };
      listed(this.exact, key).push(hit);
      if (key.length >= 6) listed(this.stemmed, stem(key)).push(hit);
    }
  }

  /** The phrases found in the text, each value once, in the order first found. */
  find(text: string): PhraseHit<T>[] {
    const tokens = words(text);
    const found = new Map<T, PhraseHit<T>>();
    for (let from = 0; from < tokens.length; from++) {
      let unit = '';
      for (let to = from; to < Math.min(tokens.length, from + MAX_WINDOW); to++) {
        unit += tokens[to]!;
        const hits = [...(this.exact.get(unit) ?? []), ...(unit.length >= 6 ? (this.stemmed.get(stem(unit)) ?? []) : [])];
        for (const hit of hits) if (!found.has(hit.value)) found.set(hit.value, hit);
      }
    }
    return [...found.values()];
  }
}

/** The list under a key, created empty when there is none. */
export function listed<K, T>(map: Map<K, T[]>, key: K): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

import { distance } from 'fastest-levenshtein';

/**
 * How many typos a word of this length may carry and still count: none up to three letters (abbreviations
 * like "RIS" or "OZG" must be exact), one up to six, two up to ten, three beyond.
 */
export function typoTolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  if (length <= 10) return 2;
  return 3;
}

/**
 * Edit distance where swapping two neighbouring letters ("Altehim") costs one edit, as people count typos.
 * `fastest-levenshtein` computes the plain Levenshtein distance (bit-parallel, no dependencies, the fastest
 * of the well-kept implementations); a single adjacent swap, which it counts as two, is recognised here.
 */
export function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d === 2 && a.length === b.length && isOneSwap(a, b)) return 1;
  return d;
}

function isOneSwap(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * How well a written word matches a known word, from 0 (not at all) to 1 (identical), tolerating typos
 * relative to the known word's length. Short words (up to five letters) must also start with the same
 * letter: otherwise "gerne" would be a typo of every five-letter name ending in "erne".
 */
export function typoSimilarity(written: string, known: string): number {
  if (written === known) return 1;
  const tolerance = typoTolerance(Math.min(known.length, written.length));
  if (tolerance === 0 || Math.abs(written.length - known.length) > tolerance) return 0;
  if (known.length <= 5 && written[0] !== known[0]) return 0;
  const d = typoDistance(written, known);
  return d <= tolerance ? 1 - 0.1 * d : 0;
}

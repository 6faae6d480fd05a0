/**
 * Text normalisation for questions and directory names. Both sides go through the same functions, so
 * "Bärenfels", "Baerenfels" and "BÄRENFELS" compare equal, and so do "Bürger-Portal", "Buerger Portal" and "bürgerportal"
 * (the last one through joined windows in the search index).
 */

/** One word of a question: its folded form and the words as the user wrote them. */
export interface Token {
  /** Lower case, umlauts as ae/oe/ue, ß as ss, other accents removed. */
  readonly folded: string;
  /** The word as written (for quoting an unknown term back to the user). */
  readonly raw: string;
  /** Where the word starts and ends in the text. */
  readonly start: number;
  readonly end: number;
}

/** Letters that Unicode does not decompose into a base letter and an accent. */
const SPECIAL: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss', ı: 'i', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th' };

/** A word of plain ASCII letters and digits only needs lower case to be folded. */
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/**
 * Lower case with umlauts written out (ä → ae, ö → oe, ü → ue, ß → ss) and every other accent dropped
 * (é → e, ı → i). Writing umlauts out, rather than dropping their dots, makes the spelling people use without a
 * German keyboard ("Baerenfels") identical to the real one; "Barenfels" is then one typo away.
 */
export function fold(text: string): string {
  return text
    .toLocaleLowerCase('de-DE')
    .replace(/[äöüßẞıłøæœđðþ]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Folded, and nothing but letters and digits: "Bürger-App" → "buergerapp". */
export function compact(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}

/**
 * Splits text into words: letters and digits; everything else (punctuation, hyphens, slashes, apostrophes)
 * separates. Compounds written with hyphens become several words; the search index also compares joined
 * neighbours, so the hyphen does not matter.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = ASCII_WORD.test(match[0]) ? match[0].toLowerCase() : compact(match[0]);
    if (folded) tokens.push({ folded, raw: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** The folded words of a text, for names and vocabulary. */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.folded);
}

const SUFFIXES = ['en', 'er', 'es', 'em', 'e', 'n', 's'] as const;

/**
 * A light stem for comparing inflected forms: "digitalen", "digitaler" and "digitale" all become
 * "digital", "projekten" and "projects" "projekt"/"project". Only one common German or English ending is
 * removed and only from words of six letters or more, so names ("Altheim", "Kleinrode") keep their form. A full
 * Snowball stemmer was not used: it cuts proper names too deep to tell them apart.
 */
export function stem(word: string): string {
  if (word.length < 6) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 5) return word.slice(0, -suffix.length);
  }
  return word;
}

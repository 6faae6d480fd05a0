import fs from 'node:fs';
import type { Settings } from '../../platform/config';
import { parseLexiconData, type LexiconData } from './domain/lexicon';

/** Ask's variables (`ASK_*`; `ASK_REFRESH_SECONDS` is the platform's, as the directory cache reads it). */
export interface AskSettings {
  /** How long a conversation's last question answers follow-ups („und Ahaus?“); 0: no follow-ups. */
  readonly contextMinutes: number;
  /** Word groups added to the built-in bilingual vocabulary, from `ASK_VOCABULARY_FILE`. */
  readonly vocabulary: LexiconData | undefined;
}

/** Reads Ask's variables; problems go to `read`. */
export function askSettings(read: Settings): AskSettings {
  return Object.freeze({ contextMinutes: read.integer('ASK_CONTEXT_MINUTES', 10, 0, 1440), vocabulary: vocabularyFile(read) });
}

/** The extra vocabulary named by `ASK_VOCABULARY_FILE`, checked at start so that a broken file stops it with a clear line. */
function vocabularyFile(read: Settings): LexiconData | undefined {
  const file = read.value('ASK_VOCABULARY_FILE');
  if (file === '') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : error instanceof SyntaxError ? 'it is not valid JSON' : 'it cannot be read';
    read.problem(`ASK_VOCABULARY_FILE "${file}" cannot be used: ${reason}`);
    return undefined;
  }
  const parsed = parseLexiconData(data);
  if (typeof parsed === 'string') {
    read.problem(`ASK_VOCABULARY_FILE "${file}" ${parsed}`);
    return undefined;
  }
  return parsed;
}

import type { TurnContext } from 'botbuilder';
import type { BotDependencies } from './dependencies';
import { clearAbsence, openCheckinForm, setAbsence, setHomeChannel, showHistory, showLatestStatus, showRoundStatus, startCheckinRound } from '../../features/checkins/teams/handlers';
import { answerQuestion } from '../../features/ask/teams/handlers';
import { sendWelcome } from '../../features/welcome/teams';

/** A message intent: what text it recognises and which handler answers it. */
interface MessageRoute {
  readonly name: string;
  matches(text: string): boolean;
  handle(context: TurnContext, text: string, deps: BotDependencies): Promise<void>;
}

/** Commands are matched on the whole message, ignoring case, surrounding punctuation and spaces. */
function command(...words: string[]): (text: string) => boolean {
  const set = new Set(words);
  return (text) => set.has(text.toLowerCase().replace(/^[\s/!?.]+|[\s!?.]+$/g, ''));
}

/**
 * A command followed by an argument (`Verlauf E-Akte`): matched ignoring case; the argument is the rest of
 * the message without surrounding quotes and closing punctuation.
 */
function withArgument(...patterns: RegExp[]): { matches(text: string): boolean; argument(text: string): string } {
  const match = (text: string) => patterns.map((p) => p.exec(text.trim())).find(Boolean)?.[1];
  return {
    matches: (text) => (match(text) ?? '').trim() !== '',
    argument: (text) => (match(text) ?? '').trim().replace(/^["„“”'‚‘’»«]+|["„“”'‚‘’»«?!.]+$/g, '').trim(),
  };
}

const REPORT = withArgument(/^status\s+melden\s+(?:für\s+|zu\s+)?(.+)$/i, /^(?:status\s+)?update\s+(?:for\s+|on\s+)?(.+)$/i);
const HISTORY = withArgument(/^verlauf\s+(?:von\s+|für\s+)?(.+)$/i, /^history\s+(?:of\s+|for\s+)?(.+)$/i);
const STATUS = withArgument(/^status\s+(?:von\s+|of\s+|for\s+)?(.+)$/i);
const AWAY = withArgument(/^(?:ich\s+bin\s+)?abwesend\s+bis\s+(?:zum\s+|einschließlich\s+)?(.+)$/i, /^(?:i\s+am\s+|i'm\s+)?away\s+until\s+(.+)$/i);

/**
 * Every message intent, in the order they are tried; the first that matches answers. Commands come first;
 * `ask` takes any other text and answers "not understood" itself when the text is not about the directory.
 */
export const MESSAGE_ROUTES: readonly MessageRoute[] = [
  { name: 'help', matches: command('hilfe', 'help', 'start', 'hallo', 'hello', 'hi', '?', ''), handle: (context, _text, deps) => sendWelcome(context, deps) },
  {
    name: 'checkin.start',
    matches: command('check-in starten', 'checkin starten', 'runde starten', 'start check-in', 'start checkin', 'start a check-in', 'start round'),
    handle: (context, _text, deps) => startCheckinRound(context, deps),
  },
  { name: 'checkin.roundStatus', matches: command('stand der runde', 'rundenstand', 'round status', 'check-in status'), handle: (context, _text, deps) => showRoundStatus(context, deps) },
  { name: 'checkin.homeChannel', matches: command('hier posten', 'post here'), handle: (context, _text, deps) => setHomeChannel(context, deps) },
  { name: 'checkin.back', matches: command('wieder da', 'ich bin wieder da', 'back', 'i am back', "i'm back"), handle: (context, _text, deps) => clearAbsence(context, deps) },
  { name: 'checkin.away', matches: AWAY.matches, handle: (context, text, deps) => setAbsence(context, AWAY.argument(text), deps) },
  { name: 'checkin.report', matches: REPORT.matches, handle: (context, text, deps) => openCheckinForm(context, REPORT.argument(text), deps) },
  { name: 'checkin.history', matches: HISTORY.matches, handle: (context, text, deps) => showHistory(context, HISTORY.argument(text), deps) },
  { name: 'checkin.status', matches: STATUS.matches, handle: (context, text, deps) => showLatestStatus(context, STATUS.argument(text), deps) },
  { name: 'ask', matches: () => true, handle: answerQuestion },
];

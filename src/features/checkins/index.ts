import { defineFeature, type MessageRoute } from '../../platform/feature';
import type { TableStore } from '../../platform/storage/table-store';
import { translator } from '../../platform/i18n';
import { command, withArgument } from '../../platform/teams/router';
import { LATEST_STATUS, PROJECT_LOOKUP } from '../ask';
import { DASHBOARD_HISTORY } from '../dashboard';
import { checkinCommand } from './cli';
import { CheckinHistorySource } from './dashboard';
import { createCheckinService } from './domain/service';
import { CheckinStatusSource } from './domain/status-source';
import { checkinJobs, startCheckins } from './jobs';
import { checkinCadence, checkinSettings, checkinTiming } from './settings';
import type { StatusAnswer } from './domain/model';
import type { RoundWithPrompts } from './domain/repositories';
import { CHECKIN_TABLES, checkinRepositories } from './tables';
import {
  chooseProject,
  clearAbsence,
  editCheckin,
  nudgeFromDigest,
  askUntilWhen,
  askWhichProject,
  openCheckinForm,
  setAbsence,
  showHistory,
  showLatestStatus,
  showRoundStatus,
  startCheckinRound,
  submitCheckin,
  submitUnchanged,
} from './teams/handlers';
import { OutboxCheckinNotifier } from './teams/notifier';

export { TRAFFIC_LIGHTS } from './domain/model';
export type { CheckinPrompt, CheckinRound, StatusAnswer, TrafficLight } from './domain/model';
export type { RoundWithPrompts } from './domain/repositories';

/** The check-in history of every project, as reports read it. */
export interface CheckinHistory {
  /** The rounds started since the date asked for, oldest first, each with its prompts (who was asked, who answered). */
  readonly rounds: readonly RoundWithPrompts[];
  /** Every status answer ever given, oldest first: a project's phase and light before the period are in it. */
  readonly answers: readonly StatusAnswer[];
}

/**
 * Reads the check-in history for a report: the rounds since `since` (one range query of the rounds table) and
 * every answer (one query of the answers table), each table once, however many projects there are.
 */
export async function checkinHistory(store: TableStore, since: Date): Promise<CheckinHistory> {
  const repos = checkinRepositories(store);
  const [rounds, answers] = await Promise.all([repos.checkinRounds.startedSince(since), repos.checkinAnswers.everyAnswer()]);
  return { rounds, answers };
}

const REPORT = withArgument(/^status\s+melden\s+(?:für\s+|zu\s+)?(.+)$/i, /^(?:status\s+)?update\s+(?:for\s+|on\s+)?(.+)$/i);
const HISTORY = withArgument(/^verlauf\s+(?:von\s+|für\s+)?(.+)$/i, /^history\s+(?:of\s+|for\s+)?(.+)$/i);
const STATUS = withArgument(/^status\s+(?:von\s+|of\s+|for\s+)?(.+)$/i);
const AWAY = withArgument(/^(?:ich\s+bin\s+)?abwesend\s+bis\s+(?:zum\s+|einschließlich\s+)?(.+)$/i, /^(?:i\s+am\s+|i'm\s+)?away\s+until\s+(.+)$/i);

/**
 * Check-ins: rounds that ask the owner of every active project for a status update through a card in their 1:1
 * chat, on a schedule or when a coordinator starts one; reminders, the digest at the close, absences, and the
 * status history. Finds projects by name through Ask; offers Ask the latest status of every project.
 */
export const checkins = defineFeature({
  name: 'checkins',
  tables: Object.values(CHECKIN_TABLES),
  settings: checkinSettings,
  cli: [checkinCommand],
  create(platform, settings) {
    const { config, logger } = platform;
    const log = logger.child({ component: 'checkins' });
    const repos = { ...platform.repos, ...checkinRepositories(platform.store) };
    const lookup = platform.offers.one(PROJECT_LOOKUP, 'checkins');
    const notifier = new OutboxCheckinNotifier({
      outbox: platform.outbox,
      cards: platform.cards,
      view: { t: translator(config.defaultLocale), locale: config.defaultLocale, timezone: config.timezone },
      localesOf: (emails) => platform.localesOf(emails),
      logger: log,
    });
    const service = createCheckinService({ repos, timing: checkinTiming(settings, config.timezone), now: platform.now, notifier, jobs: platform.jobs, lookup: { find: (query) => lookup().find(query) }, directory: platform.directory });
    platform.offers.provide(LATEST_STATUS, new CheckinStatusSource(repos, platform.directory, platform.now));
    platform.offers.provide(DASHBOARD_HISTORY, new CheckinHistorySource(repos, platform.directory));
    const cadence = checkinCadence(settings, config.timezone);
    const deps = { checkins: service, cards: platform.cards, timezone: config.timezone, directory: platform.directory };
    const routes: MessageRoute[] = [
      {
        name: 'checkin.start',
        matches: command('check-in starten', 'checkin starten', 'runde starten', 'start check-in', 'start checkin', 'start a check-in', 'start round'),
        handle: (context) => startCheckinRound(context, deps),
      },
      { name: 'checkin.roundStatus', matches: command('stand der runde', 'rundenstand', 'round status', 'check-in status'), handle: (context) => showRoundStatus(context, deps) },
      { name: 'checkin.back', matches: command('wieder da', 'ich bin wieder da', 'back', 'i am back', "i'm back"), handle: (context) => clearAbsence(context, deps) },
      { name: 'checkin.away', matches: AWAY.matches, handle: (context, text) => setAbsence(context, AWAY.argument(text), deps) },
      { name: 'checkin.awayWhen', matches: command('abwesend bis', 'abwesend', 'away until'), handle: (context) => askUntilWhen(context) },
      { name: 'checkin.reportWhich', matches: command('status melden', 'update', 'status update'), handle: (context) => askWhichProject(context, 'report', deps) },
      { name: 'checkin.historyWhich', matches: command('verlauf', 'history'), handle: (context) => askWhichProject(context, 'history', deps) },
      { name: 'checkin.report', matches: REPORT.matches, handle: (context, text) => openCheckinForm(context, REPORT.argument(text), deps) },
      { name: 'checkin.history', matches: HISTORY.matches, handle: (context, text) => showHistory(context, HISTORY.argument(text), deps) },
      { name: 'checkin.status', matches: STATUS.matches, handle: (context, text) => showLatestStatus(context, STATUS.argument(text), deps) },
    ];
    return {
      routes,
      cardActions: [
        { verb: 'checkin.submit', handle: (context, data) => submitCheckin(context, data, deps) },
        { verb: 'checkin.unchanged', handle: (context, data) => submitUnchanged(context, data, deps) },
        { verb: 'checkin.edit', handle: (context, data) => editCheckin(context, data, deps) },
        { verb: 'checkin.choose', handle: (context, data) => chooseProject(context, data, deps) },
        { verb: 'checkin.nudge', handle: (context, data) => nudgeFromDigest(context, data, deps) },
      ],
      jobs: checkinJobs(service, cadence),
      help: [{ title: 'checkin.help.title', text: 'checkin.help.text', examples: ['checkin.help.examples.red', 'checkin.help.examples.round'] }],
      start: () => startCheckins(service, cadence, log),
    };
  },
});

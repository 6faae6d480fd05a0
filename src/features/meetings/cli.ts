import type { CliCommand, CliContext } from '../../platform/feature';
import { clockFrom } from '../../platform/clock';
import { createLogger } from '../../platform/logger';
import { Scheduler, schedulerOptions } from '../../platform/scheduler/scheduler';
import { withStorage } from '../../platform/cli/commands';
import { createMeetingService, type MeetingService } from './domain/service';
import { calendarBaseUrl, meetingRules, type MeetingSettings } from './settings';
import { meetingRepositories } from './tables';
import { formatWhenShort } from './teams/views';

/**
 * `npm run cli -- meetings list|feed|rotate-key [SERIES]`: the meetings ahead with their calendar links, the
 * group's subscription link, and new secrets for calendar links (the old links stop working). Exit codes: 0 done,
 * 1 unknown series or storage unusable, 2 wrong usage.
 */
export const meetingsCommand: CliCommand<MeetingSettings> = {
  name: 'meetings',
  usage: 'meetings.cli.usage',
  async run(args, cli, settings) {
    const { t, output } = cli;
    const [subcommand, argument, extra] = args;
    const wrong = (message?: string) => {
      if (message) output.err(message);
      output.err(cli.usage());
      return 2;
    };
    if (subcommand !== 'list' && subcommand !== 'feed' && subcommand !== 'rotate-key') return wrong(subcommand ? t('meetings.cli.unknownCommand', { command: subcommand }) : undefined);
    if (extra !== undefined || (subcommand !== 'rotate-key' && argument !== undefined)) return wrong(t('importCli.extraArgument', { argument: extra ?? argument! }));
    const base = calendarBaseUrl(settings, cli.config);
    return withService(cli, settings, async (meetings) => {
      if (subcommand === 'list') return list(meetings, base, cli);
      if (subcommand === 'feed') {
        output.out(t('meetings.cli.feed', { url: `${base}/calendar.ics?key=${await meetings.feedKey()}` }));
        return 0;
      }
      if (argument === undefined) {
        output.out(t('meetings.cli.feedRotated', { url: `${base}/calendar.ics?key=${await meetings.rotateFeedKey()}` }));
        return 0;
      }
      const series = await meetings.rotateSeriesKey(argument);
      if (!series) {
        output.err(t('meetings.cli.unknownSeries', { id: argument }));
        return 1;
      }
      output.out(t('meetings.cli.seriesRotated', { title: series.title, url: `${base}/meetings/${series.id}.ics?key=${series.calendarKey}` }));
      return 0;
    });
  },
};

async function list(meetings: MeetingService, base: string, cli: CliContext): Promise<number> {
  const { t, output, config } = cli;
  const upcoming = await meetings.upcoming();
  if (upcoming.length === 0) output.out(t('meetings.noMeeting'));
  const view = { t, locale: config.defaultLocale, timezone: config.timezone };
  for (const { meeting, series } of upcoming) {
    output.out(t('meetings.cli.line', { when: formatWhenShort(meeting.startAt, meeting.endAt, view), title: meeting.title, id: series.id, url: `${base}/meetings/${series.id}.ics?key=${series.calendarKey}` }));
  }
  return 0;
}

/** The meeting use cases on the bot's storage; jobs are only stored (the bot's scheduler runs them). */
function withService(cli: CliContext, settings: MeetingSettings, command: (meetings: MeetingService) => Promise<number>): Promise<number> {
  return withStorage(cli, (open) => {
    const jobs = new Scheduler({ jobs: open.jobs, clock: clockFrom(cli.now), logger: createLogger('silent'), instanceId: 'cli', options: schedulerOptions(cli.config) });
    const repos = { ...open.repos, ...meetingRepositories(open.store) };
    return command(createMeetingService({ repos, rules: meetingRules(settings, cli.config.timezone), jobs, now: cli.now }));
  });
}

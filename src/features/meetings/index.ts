import { defineFeature, type CardAction, type MessageRoute } from '../../platform/feature';
import { translator } from '../../platform/i18n';
import { command, withArgument } from '../../platform/teams/router';
import { fold, LATEST_STATUS, PROJECT_FACTS } from '../ask';
import { DASHBOARD_DUE } from '../dashboard';
import { meetingsCommand } from './cli';
import { MeetingDuePanels } from './dashboard';
import { AGENDA_DECISIONS } from './domain/agenda';
import { isMeetingLine } from './domain/one-line';
import { createMeetingService } from './domain/service';
import { calendarRoutes } from './http';
import { meetingJobs, startMeetings } from './jobs';
import { calendarBaseUrl, meetingRules, meetingSettings } from './settings';
import { MEETING_TABLES, meetingRepositories } from './tables';
import {
  cancelMeeting,
  decideOnItem,
  editMeeting,
  openMeetingForm,
  proposeFromCard,
  proposeItem,
  publishAgenda,
  publishFromCard,
  saveMeeting,
  scheduleFromLine,
  showAgenda,
  showMeeting,
  showMeetings,
  showNextMeeting,
  type MeetingTeamsDependencies,
} from './teams/handlers';
import { OutboxMeetingNotifier } from './teams/notifier';
import { projectAgendaFacts, type CalendarLinks } from './teams/views';

/** A question as its words: folded (umlauts written out, lower case), punctuation gone. */
function words(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Matches when the text's words match one of the patterns. */
function phrased(...patterns: RegExp[]): (text: string) => boolean {
  return (text) => {
    const w = words(text);
    return patterns.some((p) => p.test(w));
  };
}

const MEETING = String.raw`(?:ag )?(?:sitzung|treffen|sitzungstermin|ag ?sitzung|meeting)`;
const PUBLISH = phrased(/^(?:die )?(?:tagesordnung|agenda) (?:veroeffentlichen|posten|verschicken|publish|post|send)$/, /^(?:publish|post|send) (?:the )?agenda$/);
const AGENDA = phrased(
  new RegExp(String.raw`^(?:(?:zeig|zeige|show) (?:mir |me )?)?(?:die |the )?(?:aktuelle |current )?(?:tagesordnung|agenda|tops)(?: (?:der|fuer die|zur|for the|of the|for)(?: naechsten| next)? ${MEETING})?$`),
  /^(?:was|what) (?:steht|is) (?:auf der tagesordnung|on the agenda)$/,
);
const PROPOSE = withArgument(
  /^(?:top|tagesordnungspunkt|thema) (?:vorschlagen|einreichen|anmelden)(?:\s*[:–-]\s*|\s+|$)(.*)$/i,
  /^vorschlag für die tagesordnung(?:\s*[:–-]\s*|\s+|$)(.*)$/i,
  /^(?:propose|suggest) (?:an? )?(?:agenda item|item|topic)(?:\s*[:–-]\s*|\s+|$)(.*)$/i,
);
const PROPOSE_FORM = phrased(/^(?:top|tagesordnungspunkt|thema) vorschlagen$/, /^vorschlag fuer die tagesordnung$/, /^(?:propose|suggest) (?:an? )?(?:agenda item|item|topic)$/);
const SCHEDULE = command('sitzung planen', 'neue sitzung', 'sitzung anlegen', 'schedule meeting', 'schedule a meeting', 'new meeting', 'plan meeting', 'plan a meeting');
const LIST = phrased(
  /^(?:alle |die |kommende |naechste |welche )?(?:ag ?)?(?:sitzungen|sitzungstermine)(?: (?:gibt es|der ag|stehen an|sind geplant))?$/,
  /^wann sind die (?:naechsten|kommenden) (?:ag ?)?(?:sitzungen|treffen)$/,
  /^(?:all |upcoming |next |the next )?meetings$/,
  /^when are the (?:next|upcoming) meetings$/,
);
const NEXT = phrased(
  new RegExp(String.raw`\b(?:naechste[nrs]?|kommende[nrs]?|next|upcoming) ${MEETING}\b`),
  /^wann (?:ist|findet|sind)\b.*\b(?:sitzung|treffen|meeting)\b/,
  /^wann (?:tagt|tagen|trifft sich|treffen wir uns|treffen sich)\b/,
  /^when\b.*\b(?:meeting|meet)\b/,
  /^wo (?:ist|findet)\b.*\bsitzung\b/,
  /^where\b.*\bmeeting\b/,
  /^(?:sitzung|meeting)$/,
);

/**
 * Meetings and agenda: coordinators schedule meetings and series (form or one line), change and cancel them;
 * everyone in the directory asks about them and proposes agenda items, which coordinators accept, order and
 * publish. Meetings are announced in the home channel, and everything later about them is posted in the
 * announcement's thread: changes, reminders (scheduler jobs), the agenda, cancellations. Calendar files and
 * the group's subscription feed are served over HTTP with secret keys.
 */
export const meetings = defineFeature({
  name: 'meetings',
  tables: Object.values(MEETING_TABLES),
  settings: meetingSettings,
  cli: [meetingsCommand],
  create(platform, settings) {
    const { config } = platform;
    const log = platform.logger.child({ component: 'meetings' });
    const rules = meetingRules(settings, config.timezone);
    const base = calendarBaseUrl(settings, config);
    const latest = platform.offers.all(LATEST_STATUS);
    const view = { t: translator(config.defaultLocale), locale: config.defaultLocale, timezone: config.timezone };
    // Read when a card is made (the service below keeps the feed's key).
    const links = async (): Promise<CalendarLinks> => ({ series: (s) => `${base}/meetings/${s.id}.ics?key=${s.calendarKey}`, feed: `${base}/calendar.ics?key=${await service.feedKey()}` });
    const notifier = new OutboxMeetingNotifier({ outbox: platform.outbox, cards: platform.cards, view, links, localeOf: (email) => platform.localeOf(email), logger: log });
    const service = createMeetingService({
      repos: { ...platform.repos, ...meetingRepositories(platform.store) },
      rules,
      jobs: platform.jobs,
      now: platform.now,
      notifier,
      latestLight: async (projectId) => (await latest()[0]?.latestStatus(projectId))?.light,
    });
    const deps: MeetingTeamsDependencies = { meetings: service, cards: platform.cards, rules, links };
    platform.offers.provide(PROJECT_FACTS, { projectFacts: async (projectId, view) => projectAgendaFacts(await service.projectAgenda(projectId), view) });
    platform.offers.provide(DASHBOARD_DUE, new MeetingDuePanels(service));
    const routes: MessageRoute[] = [
      { name: 'agenda.publish', matches: PUBLISH, handle: (context) => publishAgenda(context, deps) },
      { name: 'agenda.proposeForm', matches: PROPOSE_FORM, handle: (context) => proposeItem(context, '', deps) },
      { name: 'agenda.propose', matches: PROPOSE.matches, handle: (context, text) => proposeItem(context, PROPOSE.argument(text), deps) },
      { name: 'agenda.show', matches: AGENDA, handle: (context) => showAgenda(context, deps) },
      { name: 'meeting.form', matches: SCHEDULE, handle: (context) => openMeetingForm(context, deps) },
      { name: 'meeting.line', matches: isMeetingLine, handle: (context, text) => scheduleFromLine(context, text, deps) },
      { name: 'meeting.list', matches: LIST, handle: (context) => showMeetings(context, deps) },
      { name: 'meeting.next', matches: NEXT, handle: (context) => showNextMeeting(context, deps) },
    ];
    const cardActions: CardAction[] = [
      { verb: 'meeting.save', handle: (context, data) => saveMeeting(context, data, deps) },
      { verb: 'meeting.edit', handle: (context, data) => editMeeting(context, data, deps) },
      { verb: 'meeting.cancel', handle: (context, data) => cancelMeeting(context, data, deps) },
      { verb: 'meeting.show', handle: (context, data) => showMeeting(context, data, deps) },
      { verb: 'agenda.propose', handle: (context, data) => proposeFromCard(context, data, deps) },
      { verb: 'agenda.publish', handle: (context, data) => publishFromCard(context, data, deps) },
      ...AGENDA_DECISIONS.map((decision): CardAction => ({ verb: `agenda.${decision}`, handle: (context, data) => decideOnItem(context, decision, data, deps) })),
    ];
    return {
      routes,
      cardActions,
      jobs: meetingJobs(service),
      http: calendarRoutes(service, { name: view.t('meetings.calendar.name'), timezone: config.timezone }),
      help: [{ title: 'meetings.help.title', text: 'meetings.help.text' }],
      async homeChannelSet(channel) {
        const announced = await service.homeChannelSet(channel);
        if (announced > 0) log.info({ announced }, 'meetings that waited for a home channel announced');
      },
      start: () => startMeetings(service, platform.jobs, config.timezone, log),
    };
  },
});

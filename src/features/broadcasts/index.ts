import { defineFeature, type MessageRoute } from '../../platform/feature';
import { translator } from '../../platform/i18n';
import { command } from '../../platform/teams/router';
import { broadcastsCommand } from './cli';
import { isQuickBroadcast } from './domain/audience';
import { createBroadcastService } from './domain/service';
import { broadcastJobs } from './jobs';
import { outcomeSource } from './outcomes';
import { audiencesFor, broadcastSettings } from './settings';
import { BROADCAST_TABLES, broadcastRepositories } from './tables';
import { acknowledge, onCard, openBroadcastForm, quickBroadcast, sendBroadcast, showDrafts, showLatest } from './teams/handlers';
import { OutboxBroadcastNotifier } from './teams/notifier';

/**
 * Broadcasts: a coordinator writes once (a form, or one line), previews who it reaches, and sends it now or at
 * a time; the outbox delivers it once to each recipient — the home channel, all CDOs, selected municipalities,
 * everyone or the coordinators — and the author's card shows the progress, then the report: who was not
 * reached and why, who has not confirmed reading it, with a reminder and corrections in place.
 */
export const broadcasts = defineFeature({
  name: 'broadcasts',
  tables: Object.values(BROADCAST_TABLES),
  settings: broadcastSettings,
  cli: [broadcastsCommand],
  create(platform, settings) {
    const { config } = platform;
    const log = platform.logger.child({ component: 'broadcasts' });
    const notifier = new OutboxBroadcastNotifier({
      outbox: platform.outbox,
      cards: platform.cards,
      directory: platform.directory,
      view: { t: translator(config.defaultLocale), locale: config.defaultLocale, timezone: config.timezone },
      localesOf: (emails) => platform.localesOf(emails),
      logger: log,
    });
    const service = createBroadcastService({
      repos: { ...broadcastRepositories(platform.store), groupSettings: platform.repos.groupSettings },
      directory: platform.directory,
      jobs: platform.jobs,
      now: platform.now,
      timezone: config.timezone,
      audiencesFor: audiencesFor(settings),
      outcomes: outcomeSource({ list: (batch) => platform.outbox.outcomes(batch), get: (id) => platform.outbox.get(id) }),
      notifier,
    });
    const deps = { broadcasts: service, cards: platform.cards, directory: platform.directory, timezone: config.timezone };
    const routes: MessageRoute[] = [
      { name: 'broadcast.status', matches: command('rundschreiben status', 'status rundschreiben', 'broadcast status', 'broadcasts status'), handle: (context) => showLatest(context, deps) },
      { name: 'broadcast.drafts', matches: command('entwürfe', 'meine entwürfe', 'drafts', 'my drafts'), handle: (context) => showDrafts(context, deps) },
      { name: 'broadcast.form', matches: command('rundschreiben', 'neues rundschreiben', 'broadcast', 'new broadcast'), handle: (context) => openBroadcastForm(context, deps) },
      { name: 'broadcast.quick', matches: isQuickBroadcast, handle: (context, text) => quickBroadcast(context, text, deps) },
    ];
    return {
      routes,
      cardActions: [
        { verb: 'broadcast.preview', handle: (context, data) => onCard(context, data, deps, (s, { person, locale }) => s.preview(person, data, locale)) },
        { verb: 'broadcast.edit', handle: (context, data) => onCard(context, data, deps, (s, { person }) => s.edit(person, data)) },
        { verb: 'broadcast.discard', handle: (context, data) => onCard(context, data, deps, (s, { person }) => s.discard(person, data)) },
        { verb: 'broadcast.send', handle: (context, data) => sendBroadcast(context, data, deps) },
        { verb: 'broadcast.cancel', handle: (context, data) => onCard(context, data, deps, (s, { person }) => s.cancel(person, data)) },
        { verb: 'broadcast.report', handle: (context, data) => onCard(context, data, deps, (s, { person }) => s.report(person, data)) },
        { verb: 'broadcast.remind', handle: (context, data) => onCard(context, data, deps, (s, { person }) => s.remind(person, data)) },
        { verb: 'broadcast.correct', handle: (context, data) => onCard(context, data, deps, (s, { person }) => s.correct(person, data)) },
        { verb: 'broadcast.ack', handle: (context, data) => acknowledge(context, data, deps) },
      ],
      jobs: broadcastJobs(service),
      help: [{ title: 'broadcast.help.title', text: 'broadcast.help.text' }],
      start: async () => {
        const resumed = await service.resume();
        if (resumed > 0) log.info({ broadcasts: resumed }, 'broadcasts being sent or scheduled resumed');
      },
    };
  },
});

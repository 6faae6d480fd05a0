import { defineFeature, type MessageRoute } from '../../platform/feature';
import { translator } from '../../platform/i18n';
import { formatDate } from '../../platform/i18n/format';
import { command, withArgument } from '../../platform/teams/router';
import { PROJECT_FACTS } from '../ask';
import { feedsCommand } from './cli';
import { ProjectConcernsSource } from './domain/concerns';
import { TrendIndexCache } from './domain/index-cache';
import { createRadar } from './domain/radar';
import { createTrendService } from './domain/service';
import { planFeedCheck, trendJobs } from './jobs';
import { feedCheckCron, trendSettings } from './settings';
import { TREND_TABLES, trendRepositories } from './tables';
import { ignoreEntry, openForm, postLine, reacted, saveForm, shareEntry, showField, showLatest, showTopic, voteNotRelevant, voteRelevant } from './teams/handlers';
import { OutboxTrendNotifier } from './teams/notifier';
import { pageTitle, readFeed } from './web/feed-reader';

/** `Trend: …`: the text after the colon is the note, as written (a closing full stop is part of the summary). */
const LINE = /^trend\s*:\s*(\S[\s\S]*)$/i;
/** `Trends im Handlungsfeld Bildung`. */
const FIELD = withArgument(
  /^(?:neue\s+)?trends?\s+(?:im|aus\s+dem|zum)\s+handlungsfeld\s+(.+)$/i,
  /^was\s+gibt\s+es\s+neues\s+im\s+handlungsfeld\s+(.+)$/i,
  /^(?:latest\s+|new\s+|recent\s+)?trends?\s+in\s+(?:the\s+)?field(?:\s+of\s+action)?\s+(.+)$/i,
);
/** `Trends zu KI`, `trends about AI`, `Was gibt es Neues zu Mobilität?`. */
const TOPIC = withArgument(
  /^(?:neue\s+)?trends?\s+(?:zu|zum|zur|über|ueber|für|fuer|bei|rund\s+um|zu\s+den|zu\s+der|zu\s+dem)\s+(.+)$/i,
  /^was\s+gibt\s+es\s+neues\s+(?:zu|zum|zur|über|ueber|bei|in|im|aus|rund\s+um)\s+(.+)$/i,
  /^(?:latest\s+|new\s+|recent\s+)?trends?\s+(?:about|on|for|in|regarding|around)\s+(.+)$/i,
  /^what(?:'s|\s+is)\s+new\s+(?:about|on|in|with|for)\s+(.+)$/i,
);

/**
 * Trend notes and the scouts' radar: scouts and coordinators post what other districts, the state and the market do (`Trend: …`, the
 * form of `Trend melden`); the bot posts each as a card to the home channel, where the group marks what matters
 * („Relevant für uns“, 👍), sends it to the owners of the projects it concerns, and keeps it searchable
 * (`Trends zu KI`, in Ask's project details too). Feeds that coordinators add on the command line are checked on a
 * schedule, and new entries that match the directory are offered to the scouts to share.
 */
export const trends = defineFeature({
  name: 'trends',
  tables: Object.values(TREND_TABLES),
  settings: trendSettings,
  cli: [feedsCommand],
  create(platform, settings) {
    const { config, logger } = platform;
    const log = logger.child({ component: 'trends' });
    const repos = { ...trendRepositories(platform.store), groupSettings: platform.repos.groupSettings };
    const index = new TrendIndexCache(repos.trends, { now: platform.now, checkIntervalMs: config.directoryRefreshSeconds * 1000 });
    const view = { t: translator(config.defaultLocale), locale: config.defaultLocale, timezone: config.timezone };
    const notifier = new OutboxTrendNotifier({ outbox: platform.outbox, cards: platform.cards, directory: platform.directory, view, localeOf: (email) => platform.localeOf(email), logger: log });
    const web = { allowPrivate: settings.allowPrivateAddresses };
    const concerns = new ProjectConcernsSource(platform.directory);
    const service = createTrendService({ repos, concerns, index, now: platform.now, notifier, jobs: platform.jobs, pageTitle: (url) => pageTitle(url, web) });
    const radar = createRadar({ feeds: repos.feeds, concerns, now: platform.now, read: (url, validators) => readFeed(url, validators, web), notifier, trends: service });
    const deps = { trends: service, radar, cards: platform.cards, directory: platform.directory, timezone: config.timezone };
    platform.offers.provide(PROJECT_FACTS, {
      async projectFacts(projectId, factView) {
        const latest = await service.concerning(projectId, 3);
        if (latest.length === 0) return [];
        const value = latest.map((t) => factView.t('trends.facts.item', { title: t.title, date: formatDate(t.createdAt, factView) })).join('; ');
        return [{ title: factView.t('trends.facts.title'), value }];
      },
    });
    const routes: MessageRoute[] = [
      { name: 'trends.post', matches: (text) => LINE.test(text), handle: (context, text) => postLine(context, LINE.exec(text)?.[1] ?? '', deps) },
      { name: 'trends.report', matches: command('trend melden', 'trend posten', 'report trend', 'report a trend', 'post trend'), handle: (context) => openForm(context, deps) },
      { name: 'trends.latest', matches: command('neue trends', 'neueste trends', 'trends', 'trends zu', 'was gibt es neues', 'latest trends', 'new trends', 'recent trends', 'trends on', 'trends about', "what's new"), handle: (context) => showLatest(context, deps) },
      { name: 'trends.field', matches: FIELD.matches, handle: (context, text) => showField(context, FIELD.argument(text), deps) },
      { name: 'trends.topic', matches: TOPIC.matches, handle: (context, text) => showTopic(context, TOPIC.argument(text), deps) },
    ];
    return {
      routes,
      cardActions: [
        { verb: 'trend.save', handle: (context, data) => saveForm(context, data, deps) },
        { verb: 'trend.relevant', handle: (context, data) => voteRelevant(context, data, deps) },
        { verb: 'trend.notRelevant', handle: (context, data) => voteNotRelevant(context, data, deps) },
        { verb: 'trend.share', handle: (context, data) => shareEntry(context, data, deps) },
        { verb: 'trend.ignore', handle: (context, data) => ignoreEntry(context, data, deps) },
      ],
      jobs: trendJobs(service, radar),
      start: () => planFeedCheck(platform.jobs, feedCheckCron(settings.feedCheckMinutes)),
      help: [{ title: 'trends.help.title', text: 'trends.help.text' }],
      reacted: (context, reactions) => reacted(context, reactions, deps),
      async homeChannelSet(channel) {
        const posted = await service.publishWaiting(channel);
        if (posted > 0) log.info({ posted }, 'trend notes that waited for the home channel posted');
      },
    };
  },
});

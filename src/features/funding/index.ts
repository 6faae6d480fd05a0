import { defineFeature, type MessageRoute } from '../../platform/feature';
import { translator } from '../../platform/i18n';
import { command, withArgument } from '../../platform/teams/router';
import { PROJECT_FACTS, PROJECT_LOOKUP } from '../ask';
import { FUNDING_FIGURES } from '../reports';
import { DASHBOARD_DUE } from '../dashboard';
import { fundingCallsKind, fundingCommand } from './cli';
import { FundingDuePanels } from './dashboard';
import { classifyQuestion } from './domain/questions';
import { FundingFigures } from './figures';
import { createFundingService } from './domain/service';
import { fundingJobs, planFetch } from './jobs';
import { fundingSettings, fundingTiming } from './settings';
import { FUNDING_TABLES, fundingRepositories } from './tables';
import {
  answerOffer,
  answerQuestion,
  changeStatus,
  changeStatusByLine,
  chooseProject,
  openApplication,
  openCallEditForm,
  openNewCallForm,
  saveCall,
  showCall,
  withdrawCall,
} from './teams/handlers';
import { OutboxFundingNotifier } from './teams/notifier';
import { projectFacts } from './teams/views';

const EDIT = withArgument(/^förderaufruf\s+(?:ändern|bearbeiten)\s+(.+)$/i, /^edit\s+funding\s+call\s+(.+)$/i);
const SHOW = withArgument(/^förderaufruf\s+(.+)$/i, /^funding\s+call\s+(.+)$/i);
/** `Förderung E-Akte: eingereicht 120000`: what names the application before the colon, the status and the rest after it. */
const STATUS_LINE = /^(?:förderung|foerderung|förderantrag|foerderantrag|funding|application)\s+([^:]+?)\s*:\s*(.+)$/i;

/**
 * The funding radar: funding calls (imported, entered by coordinators, fetched from the EU Funding & Tenders
 * Portal) matched with the directory's projects and offered to their owners; applications with their status and
 * history; reminders before deadlines to the home channel and the owners; questions about deadlines, programmes,
 * a project's funding, applications and the sums approved. Finds projects by name through Ask; adds a project's
 * applications to Ask's project details and its figures to the strategy report.
 */
export const funding = defineFeature({
  name: 'funding',
  tables: Object.values(FUNDING_TABLES),
  settings: fundingSettings,
  cli: [fundingCommand],
  tabular: [fundingCallsKind],
  offer({ config, store, offers }) {
    offers.provide(FUNDING_FIGURES, new FundingFigures(fundingRepositories(store), config.timezone));
  },
  create(platform, settings) {
    const { config, logger } = platform;
    const log = logger.child({ component: 'funding' });
    const lookup = platform.offers.one(PROJECT_LOOKUP, 'funding');
    const notifier = new OutboxFundingNotifier({
      outbox: platform.outbox,
      cards: platform.cards,
      view: { t: translator(config.defaultLocale), locale: config.defaultLocale, timezone: config.timezone },
      localeOf: (email) => platform.localeOf(email),
      logger: log,
    });
    const service = createFundingService({
      repos: { ...fundingRepositories(platform.store), groupSettings: platform.repos.groupSettings },
      directory: platform.directory,
      lookup: { find: (query) => lookup().find(query) },
      jobs: platform.jobs,
      timing: fundingTiming(settings, config.timezone),
      now: platform.now,
      notifier,
    });
    platform.offers.provide(PROJECT_FACTS, { projectFacts: async (projectId, view) => projectFacts(await service.applicationsOf(projectId), view) });
    platform.offers.provide(DASHBOARD_DUE, new FundingDuePanels(service));
    const deps = { funding: service, cards: platform.cards, timezone: config.timezone, directory: platform.directory };
    const routes: MessageRoute[] = [
      {
        name: 'funding.add',
        matches: command('förderaufruf erfassen', 'förderaufruf anlegen', 'neuer förderaufruf', 'add funding call', 'new funding call'),
        handle: (context) => openNewCallForm(context, deps),
      },
      { name: 'funding.edit', matches: EDIT.matches, handle: (context, text) => openCallEditForm(context, EDIT.argument(text), deps) },
      { name: 'funding.show', matches: SHOW.matches, handle: (context, text) => showCall(context, SHOW.argument(text), text, deps) },
      {
        name: 'funding.line',
        matches: (text) => STATUS_LINE.test(text.trim()),
        handle: (context, text) => {
          const [, target = '', rest = ''] = STATUS_LINE.exec(text.trim()) ?? [];
          return changeStatusByLine(context, target, rest, deps);
        },
      },
      { name: 'funding.question', matches: (text) => classifyQuestion(text) !== undefined, handle: (context, text) => answerQuestion(context, classifyQuestion(text)!, deps) },
    ];
    return {
      routes,
      cardActions: [
        { verb: 'funding.save', handle: (context, data) => saveCall(context, data, deps) },
        { verb: 'funding.withdraw', handle: (context, data) => withdrawCall(context, data, deps) },
        { verb: 'funding.interest', handle: (context, data) => answerOffer(context, data, 'interest', deps) },
        { verb: 'funding.dismiss', handle: (context, data) => answerOffer(context, data, 'dismissed', deps) },
        { verb: 'funding.open', handle: (context, data) => openApplication(context, data, deps) },
        { verb: 'funding.status', handle: (context, data) => changeStatus(context, data, deps) },
        { verb: 'funding.choose', handle: (context, data) => chooseProject(context, data, deps) },
      ],
      jobs: fundingJobs(service, settings),
      help: [{ title: 'funding.help.title', text: 'funding.help.text', examples: ['funding.help.examples.deadlines'] }],
      start: () => planFetch(platform.jobs, settings),
    };
  },
});

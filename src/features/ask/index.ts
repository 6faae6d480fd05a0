import { defineFeature, Offer, type MessageRoute } from '../../platform/feature';
import type { DirectorySource } from '../../platform/directory/directory-cache';
import type { LatestStatusSource } from './domain/answers';
import { AskService } from './domain/ask-service';
import { parseAskContext } from './domain/follow-up';
import { SearchIndexCache } from './domain/index-source';
import { BUILT_IN_LEXICON, buildLexicon } from './domain/lexicon';
import builtInLexicon from './domain/lexicon.json';
import { AskProjectLookup, type ProjectLookup } from './domain/project-lookup';
import { askSettings } from './settings';
import { answerChoice, answerQuestion } from './teams/handlers';
import type { ProjectFactsSource } from './teams/cards';

export type { LatestStatus, LatestStatusSource, Unanswered } from './domain/answers';
export type { ProjectCandidate, ProjectLookup, ProjectMatch } from './domain/project-lookup';
export { compact, fold, stem, words } from './domain/normalize';
export { typoSimilarity } from './domain/fuzzy';
export { isFiller } from './domain/vocabulary';
export type { ChoiceCard, ProjectFact, ProjectFactsSource } from './teams/cards';
export { choiceModel } from './teams/views';

/** Ask finds projects by what people type (typos, aliases, partial names): for commands of other features. */
export const PROJECT_LOOKUP = new Offer<ProjectLookup>('ask.projectLookup');
/** Where Ask reads the latest status of projects (offered by check-ins): "which projects are red?", project details. */
export const LATEST_STATUS = new Offer<LatestStatusSource>('ask.latestStatus');
/** What other features add to a project's details card (trend notes, funding applications …). */
export const PROJECT_FACTS = new Offer<ProjectFactsSource>('ask.projectFacts');

/** A project lookup over a directory, for code that runs without a bot (the command line). */
export function projectLookup(directory: DirectorySource): ProjectLookup {
  return new AskProjectLookup(new SearchIndexCache(directory));
}

/**
 * Ask: questions in free text about projects and who is responsible, answered from the instance's in-memory
 * search index; short follow-ups are read against the conversation's last question, kept in the conversation
 * memory for `ASK_CONTEXT_MINUTES`. Its route takes any text, so it comes last in `app.ts`; what it cannot place
 * it answers with "not understood".
 */
export const ask = defineFeature({
  name: 'ask',
  settings: askSettings,
  create(platform, settings) {
    const lexicon = settings.vocabulary ? buildLexicon(builtInLexicon, settings.vocabulary) : BUILT_IN_LEXICON;
    const index = new SearchIndexCache(platform.directory, lexicon);
    const status = platform.offers.all(LATEST_STATUS);
    const deps = {
      ask: new AskService(index, () => status()[0], settings.contextMinutes * 60_000),
      cards: platform.cards,
      timezone: platform.config.timezone,
      factSources: platform.offers.all(PROJECT_FACTS),
      now: platform.now,
      memory: settings.contextMinutes > 0 ? platform.conversationMemory('ask', parseAskContext) : undefined,
    };
    platform.offers.provide(PROJECT_LOOKUP, new AskProjectLookup(index));
    const routes: MessageRoute[] = [{ name: 'ask', matches: () => true, handle: (context, text) => answerQuestion(context, text, deps) }];
    return {
      routes,
      cardActions: [{ verb: 'ask.choose', handle: (context, data) => answerChoice(context, data, deps) }],
      help: [{ title: 'ask.capabilityTitle', text: 'ask.capabilityText', examples: ['ask.capabilityExamples.coordinators', 'ask.capabilityExamples.cdos', 'ask.capabilityExamples.planning'] }],
    };
  },
});

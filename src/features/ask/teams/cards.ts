/** Ask's card models (templates `cards/ask-*.json`). */
import type { ViewContext } from '../../../platform/i18n/format';

/** A person in an answer card, with a Teams chat deep link and a mail link. */
export interface PersonBlock {
  heading: string;
  name: string;
  /** Municipality, role and e-mail in one line. */
  details: string;
  chatUrl: string;
  mailUrl: string;
  chatLabel: string;
  mailLabel: string;
}

/** A line of a project's details card: a label and its value, translated and formatted. */
export interface ProjectFact {
  title: string;
  value: string;
}

/**
 * What another feature adds to a project's details in Ask (its latest trend notes, its funding applications):
 * facts in the reader's language, or none.
 */
export interface ProjectFactsSource {
  projectFacts(projectId: string, view: ViewContext): Promise<ProjectFact[]>;
}

/**
 * "Which one do you mean?" and "I don't know …", with buttons that answer for the chosen entity: the question
 * again (`ask.choose`), or the command of another feature that named it (its verb, with the command as `intent`).
 */
export interface ChoiceCard {
  title: string;
  text: string;
  choices: { label: string; verb: string; intent: string; kind: string; id: string }[];
  examplesTitle: string;
  examples: string[];
  fallback: string;
}

declare module '../../../platform/teams/cards' {
  interface CardModels {
    /** Owner, deputy, municipality contacts, coordinators. */
    'ask-people': { title: string; subtitle: string; people: PersonBlock[]; notes: string[]; fallback: string };
    /** Projects of a municipality, person, phase or field of action. */
    'ask-projects': {
      title: string;
      people: PersonBlock[];
      sections: { heading: string; items: { title: string; detail: string }[]; more: string }[];
      notes: string[];
      fallback: string;
    };
    /** Details of one project. */
    'ask-project': { title: string; summary: string; facts: { title: string; value: string }[]; people: PersonBlock[]; fallback: string };
    'ask-choice': ChoiceCard;
  }
}

/** The welcome feature's card models (templates `cards/welcome.json`, `cards/team-intro.json`). */

/** A button that sends a message as if the user had typed it (`imBack`): its label and the text sent. */
export interface MessageButton {
  title: string;
  text: string;
}

/** The welcome and help card: what Kümmerer is and what each feature does, with questions to try. */
export interface WelcomeCard {
  title: string;
  intro: string;
  capabilitiesTitle: string;
  capabilities: { title: string; text: string; examples: MessageButton[] }[];
  hint: string;
  fallback: string;
}

/** The short greeting on „Hallo“: the most useful questions as buttons. */
export interface HelloCard {
  title: string;
  text: string;
  buttons: MessageButton[];
  fallback: string;
}

declare module '../../platform/teams/cards' {
  interface CardModels {
    welcome: WelcomeCard;
    'welcome-hello': HelloCard;
    'team-intro': { title: string; text: string; fallback: string };
  }
}

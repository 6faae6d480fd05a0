/** The welcome feature's card models (templates `cards/welcome.json`, `cards/team-intro.json`). */

/** The welcome and help card: what Kümmerer is and what each feature does. */
export interface WelcomeCard {
  title: string;
  intro: string;
  capabilitiesTitle: string;
  capabilities: { title: string; text: string }[];
  hint: string;
  fallback: string;
}

declare module '../../platform/teams/cards' {
  interface CardModels {
    welcome: WelcomeCard;
    'team-intro': { title: string; text: string; fallback: string };
  }
}

import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { MessagePayload } from '../delivery/outbox';
import { CARDS_DIR } from '../paths';

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

/** The typed model of each card template in `cards/`; texts arrive translated and formatted. */
export interface CardModels {
  welcome: {
    title: string;
    intro: string;
    capabilitiesTitle: string;
    capabilities: { title: string; text: string }[];
    hint: string;
    fallback: string;
  };
  'team-intro': { title: string; text: string; fallback: string };
  checkin: CheckinCard;
  'checkin-summary': CheckinSummaryCard;
  'checkin-digest': CheckinDigestCard;
  'checkin-history': CheckinHistoryCard;
  /** Ask: owner, deputy, municipality contacts, coordinators. */
  'ask-people': { title: string; subtitle: string; people: PersonBlock[]; notes: string[]; fallback: string };
  /** Ask: projects of a municipality, person, phase or field of action. */
  'ask-projects': {
    title: string;
    people: PersonBlock[];
    sections: { heading: string; items: { title: string; detail: string }[]; more: string }[];
    notes: string[];
    fallback: string;
  };
  /** Ask: details of one project. */
  'ask-project': { title: string; summary: string; facts: { title: string; value: string }[]; people: PersonBlock[]; fallback: string };
  /**
   * "Which one do you mean?" and "I don't know …", with buttons that answer for the chosen entity: the question
   * again (`ask.choose`) or the command that named it (`checkin.choose`, with the command as `intent`).
   */
  'ask-choice': {
    title: string;
    text: string;
    choices: { label: string; verb: 'ask.choose' | 'checkin.choose'; intent: string; kind: string; id: string }[];
    examplesTitle: string;
    examples: string[];
    fallback: string;
  };
}

/** Data carried by every check-in card action: which project, round and submission it is about. */
export interface CheckinActionData {
  projectId: string;
  roundId: string;
  token: string;
}

/** The check-in form (`cards/checkin.json`). Error texts are '' when the field is fine. */
export interface CheckinCard {
  title: string;
  roundInfo: string;
  lastStatus: string;
  formError: string;
  lightLabel: string;
  lightRequired: string;
  light: string;
  lightChoices: { title: string; value: string }[];
  lightError: string;
  phaseLabel: string;
  phaseRequired: string;
  phase: string;
  phaseChoices: { title: string; value: string }[];
  phaseError: string;
  progressLabel: string;
  /** A number, or '' for an empty input. */
  progress: number | '';
  progressError: string;
  /** The multi-line inputs: what happened, next steps, blockers, funding news. */
  texts: { id: string; label: string; placeholder: string; maxLength: number; value: string; error: string }[];
  submitTitle: string;
  unchangedTitle: string;
  /** True when there is a last status to copy with "no change". */
  canCopy: boolean;
  data: CheckinActionData;
  /** `data` plus the verb, for clients that fall back to `Action.Submit`. */
  submitData: CheckinActionData & { verb: 'checkin.submit' };
  unchangedData: CheckinActionData & { verb: 'checkin.unchanged' };
  fallback: string;
}

/** A status update, read-only (`cards/checkin-summary.json`). */
export interface CheckinSummaryCard {
  title: string;
  subtitle: string;
  facts: { title: string; value: string }[];
  sections: { title: string; text: string }[];
  notice: string;
  canEdit: boolean;
  editTitle: string;
  data: Partial<CheckinActionData> & { projectId: string };
  editData: Partial<CheckinActionData> & { projectId: string; verb: 'checkin.edit' };
  fallback: string;
}

/** A round's digest (`cards/checkin-digest.json`): sections with one line per item, empty ones left out. */
export interface CheckinDigestCard {
  title: string;
  period: string;
  responseRate: string;
  sections: { title: string; lines: string[] }[];
  fallback: string;
}

/** A project's last status updates (`cards/checkin-history.json`). */
export interface CheckinHistoryCard {
  title: string;
  subtitle: string;
  entries: { heading: string; lines: string[] }[];
  fallback: string;
}
export type CardName = keyof CardModels;

/** Every card model carries the plain text shown by clients that cannot render the card. */
type WithFallback = { fallback: string };

/**
 * Renders card templates. Templates are read from disk once (the compiler's `rootDir` keeps `cards/` out
 * of the build, and the package ships the folder as is).
 */
export class CardRenderer {
  private readonly templates = new Map<CardName, ACData.Template>();

  constructor(directory = CARDS_DIR) {
    for (const file of fs.readdirSync(directory)) {
      if (!file.endsWith('.json') || file.endsWith('.data.json')) continue;
      const json: unknown = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8'));
      this.templates.set(path.basename(file, '.json') as CardName, new ACData.Template(json));
    }
  }

  /** The card as an attachment. */
  card<K extends CardName>(name: K, model: CardModels[K]): Attachment {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No card template cards/${name}.json`);
    return CardFactory.adaptiveCard(template.expand({ $root: model }));
  }

  /** A message holding the card, with its plain-text fallback as the summary (notifications, old clients). */
  message<K extends CardName>(name: K, model: CardModels[K] & WithFallback): Partial<Activity> {
    const activity = MessageFactory.attachment(this.card(name, model));
    activity.summary = model.fallback;
    return activity;
  }

  /** The same message as plain JSON, for the outbox (`Outbox.enqueue`, `Outbox.update`): sent later, outside a turn. */
  payload<K extends CardName>(name: K, model: CardModels[K] & WithFallback): MessagePayload {
    return JSON.parse(JSON.stringify(this.message(name, model))) as MessagePayload;
  }
}

/** The check-in feature's card models (templates `cards/checkin*.json`). */

/** Data carried by every check-in card action: which project, round and submission it is about. */
export interface CheckinActionData {
  projectId: string;
  roundId: string;
  token: string;
}

/** A multi-line input of the check-in form. */
export interface CheckinTextInput {
  id: string;
  label: string;
  placeholder: string;
  maxLength: number;
  value: string;
  error: string;
  /** A button under the input that asks the bot something about it ('' for none), and what it asks. */
  linkTitle: string;
  linkCommand: string;
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
  texts: CheckinTextInput[];
  /** Progress and the other texts, behind „Mehr Angaben“ (phones show the required part first). */
  moreTexts: CheckinTextInput[];
  moreTitle: string;
  /** Open when one of them holds a value or an error. */
  moreVisible: boolean;
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
  /** A button that asks for the project's history ('' for none) and the command it sends. */
  historyTitle: string;
  historyCommand: string;
  fallback: string;
}

/** A round's digest (`cards/checkin-digest.json`): sections with one line per item, empty ones left out. */
export interface CheckinDigestCard {
  title: string;
  period: string;
  /** What a button just did ('' for none). */
  notice: string;
  responseRate: string;
  sections: { title: string; lines: DigestLine[] }[];
  chatLabel: string;
  nudgeLabel: string;
  fallback: string;
}

/** One line of a digest; a person still to chase has a chat link and, in the live state, a nudge button. */
export interface DigestLine {
  text: string;
  /** '' for a line without buttons. */
  chatUrl: string;
  canNudge: boolean;
  nudgeData: NudgeData | Record<string, never>;
  nudgeSubmit: (NudgeData & { verb: 'checkin.nudge' }) | Record<string, never>;
}

/** Data of the „Erinnern“ button: which round, and whom to remind. */
export interface NudgeData {
  roundId: string;
  email: string;
}

/** A project's last status updates (`cards/checkin-history.json`). */
export interface CheckinHistoryCard {
  title: string;
  subtitle: string;
  entries: { heading: string; lines: string[] }[];
  fallback: string;
}

declare module '../../../platform/teams/cards' {
  interface CardModels {
    checkin: CheckinCard;
    'checkin-summary': CheckinSummaryCard;
    'checkin-digest': CheckinDigestCard;
    'checkin-history': CheckinHistoryCard;
  }
}

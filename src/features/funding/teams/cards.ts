/** The funding radar's card models (templates `cards/funding-*.json`). */

/** A label and its value, translated and formatted. */
export interface Fact {
  title: string;
  value: string;
}

/** What the buttons of an owner's call card carry: the call, the project, and the projects the card shows. */
export interface OfferData {
  callId: string;
  projectId: string;
  projectIds: string;
}

/** What names an application on a card. */
export interface ApplicationData {
  projectId: string;
  callId: string;
}

/** One project of an owner on a call's card: why it fits, and „Interesse“ / „Passt nicht“ until answered. */
export interface OfferProject {
  title: string;
  why: string;
  /** What became of it („Interesse vermerkt …“), '' while open. */
  state: string;
  canAnswer: boolean;
  interestTitle: string;
  dismissTitle: string;
  data: OfferData;
  interestSubmit: OfferData & { verb: 'funding.interest' };
  dismissSubmit: OfferData & { verb: 'funding.dismiss' };
  /** „Antrag bearbeiten“ once there is an application. */
  canOpen: boolean;
  openTitle: string;
  openData: ApplicationData;
  openSubmit: ApplicationData & { verb: 'funding.open' };
}

/** A call offered 1:1 to the owner of projects that fit it (`cards/funding-offer.json`). */
export interface OfferCard {
  title: string;
  subtitle: string;
  facts: Fact[];
  summary: string;
  intro: string;
  projects: OfferProject[];
  /** What a button just did ('' for none). */
  notice: string;
  link: string;
  linkTitle: string;
  fallback: string;
}

/** An application with its status form (`cards/funding-application.json`). Errors are '' when the input is fine. */
export interface ApplicationCard {
  title: string;
  subtitle: string;
  facts: Fact[];
  notice: string;
  formError: string;
  statusLabel: string;
  status: string;
  statusChoices: { title: string; value: string }[];
  /** What the client says when no status is chosen. */
  statusRequired: string;
  statusError: string;
  appliedLabel: string;
  /** A number, or '' for an empty input. */
  applied: number | '';
  appliedError: string;
  approvedLabel: string;
  approved: number | '';
  approvedError: string;
  noteLabel: string;
  notePlaceholder: string;
  note: string;
  noteMax: number;
  noteError: string;
  historyTitle: string;
  history: string[];
  submitTitle: string;
  data: ApplicationData;
  submitData: ApplicationData & { verb: 'funding.status' };
  fallback: string;
}

/** A text input of the call form. */
export interface FormTextInput {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  maxLength: number;
  isMultiline: boolean;
  error: string;
}

/** The call form for coordinators (`cards/funding-form.json`). */
export interface CallFormCard {
  title: string;
  intro: string;
  formError: string;
  head: FormTextInput[];
  levelLabel: string;
  level: string;
  levelChoices: { title: string; value: string }[];
  levelError: string;
  deadlineLabel: string;
  deadlineDate: string;
  deadlineTime: string;
  deadlineTimeLabel: string;
  rollingLabel: string;
  rolling: string;
  deadlineError: string;
  fieldsLabel: string;
  fields: string;
  fieldChoices: { title: string; value: string }[];
  fieldsError: string;
  tail: FormTextInput[];
  saveTitle: string;
  canWithdraw: boolean;
  withdrawTitle: string;
  data: { callId: string };
  saveData: { callId: string; verb: 'funding.save' };
  withdrawData: { callId: string; verb: 'funding.withdraw' };
  fallback: string;
}

/** A call: its details, what was saved, a reminder or a notice (`cards/funding-call.json`). */
export interface CallCard {
  title: string;
  subtitle: string;
  notice: string;
  facts: Fact[];
  summary: string;
  sections: { title: string; lines: string[] }[];
  link: string;
  linkTitle: string;
  /** A button that sends a command ('' for none): „Bearbeiten“ for coordinators. */
  commandTitle: string;
  command: string;
  fallback: string;
}

/** A list of calls or applications answering a question (`cards/funding-list.json`). */
export interface FundingListCard {
  title: string;
  subtitle: string;
  sections: { heading: string; items: { title: string; detail: string }[] }[];
  notes: string[];
  fallback: string;
}

declare module '../../../platform/teams/cards' {
  interface CardModels {
    'funding-offer': OfferCard;
    'funding-application': ApplicationCard;
    'funding-form': CallFormCard;
    'funding-call': CallCard;
    'funding-list': FundingListCard;
  }
}

/** The broadcast feature's card models (templates `cards/broadcast-*.json`). */

/** Data carried by every broadcast card action: which broadcast it is about. */
export interface BroadcastActionData {
  broadcastId: string;
  /** On the form of a new broadcast: the id its draft will have. */
  token?: string;
}

/** A button of a card: `Action.Execute` with its verb, and the `Action.Submit` fallback carrying the verb in its data. */
export interface BroadcastButton {
  title: string;
  verb: string;
  style: 'positive' | 'destructive' | 'default';
  data: BroadcastActionData;
  submitData: BroadcastActionData & { verb: string };
}

/** A text input of the form with its error ('' when fine). */
export interface TextInputModel {
  label: string;
  value: string;
  placeholder: string;
  maxLength: number;
  error: string;
}

/** A choice input of the form with its error. */
export interface ChoiceInputModel {
  label: string;
  /** The chosen value(s); a multi-select's joined by commas, as Teams sends them back. */
  value: string;
  choices: { title: string; value: string }[];
  error: string;
}

/** The form (`cards/broadcast-form.json`): a new broadcast, a draft, or the correction of a sent one. */
export interface BroadcastFormCard {
  title: string;
  intro: string;
  formError: string;
  /** Shown by the client when a required input is empty. */
  requiredMessage: string;
  /** A correction changes the text only: audience, read confirmation and time are not shown. */
  correction: boolean;
  titleInput: TextInputModel;
  textInput: TextInputModel;
  audience: ChoiceInputModel;
  municipalities: ChoiceInputModel;
  linkTitleInput: TextInputModel;
  linkInput: TextInputModel;
  ackLabel: string;
  /** `true` or `false`, the toggle's values. */
  ack: string;
  ackError: string;
  sendAtLabel: string;
  sendAtDate: string;
  sendAtTimeLabel: string;
  sendAtTime: string;
  sendAtError: string;
  submit: BroadcastButton;
  fallback: string;
}

/**
 * The message as recipients see it (`cards/broadcast-message.json`), and, with `preview`, the author's preview:
 * the same message with who it reaches above it and Send, Edit and Discard below.
 */
export interface BroadcastMessageCard {
  preview: boolean;
  previewTitle: string;
  previewLines: string[];
  /** Above the message: a reminder, a correction, or what became of the author's last click; '' for none. */
  notice: string;
  /** `emphasis` in the preview, to set the message apart; `default` for recipients. */
  messageStyle: 'emphasis' | 'default';
  title: string;
  sender: string;
  text: string;
  hasLink: boolean;
  linkTitle: string;
  link: string;
  /** „Gelesen ✓“ is shown (enabled for recipients who have not confirmed, disabled in the preview). */
  hasAck: boolean;
  ackEnabled: boolean;
  ackTitle: string;
  ackData: BroadcastActionData;
  ackSubmitData: BroadcastActionData & { verb: 'broadcast.ack' };
  /** '' or when the recipient confirmed. */
  confirmed: string;
  buttons: BroadcastButton[];
  fallback: string;
}

/** The author's card once Send was clicked (`cards/broadcast-report.json`): scheduled, progress, or the final report. */
export interface BroadcastReportCard {
  title: string;
  status: string;
  /** A progress bar of block characters with the share done, '' before sending. */
  bar: string;
  facts: { title: string; value: string }[];
  notice: string;
  sections: { title: string; lines: string[] }[];
  buttons: BroadcastButton[];
  fallback: string;
}

/** A list of broadcasts with a button each (`cards/broadcast-list.json`): drafts, the latest sent; or just a note. */
export interface BroadcastListCard {
  title: string;
  /** Shown when there are no items. */
  empty: string;
  items: { title: string; lines: string[]; button: BroadcastButton }[];
  fallback: string;
}

declare module '../../../platform/teams/cards' {
  interface CardModels {
    'broadcast-form': BroadcastFormCard;
    'broadcast-message': BroadcastMessageCard;
    'broadcast-report': BroadcastReportCard;
    'broadcast-list': BroadcastListCard;
  }
}

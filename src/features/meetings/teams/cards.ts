/** The meeting feature's card models (templates `cards/meeting*.json`, `cards/agenda*.json`). */

/** An input of a form: its label, value as shown, placeholder and the error next to it ('' when fine). */
export interface FieldModel {
  label: string;
  value: string;
  placeholder: string;
  error: string;
}

/** A choice of a ChoiceSet. */
export interface Choice {
  title: string;
  value: string;
}

/** A link button (`Action.OpenUrl`). */
export interface LinkModel {
  title: string;
  url: string;
}

/** Card data of the meeting verbs: which meeting. */
export interface MeetingActionData {
  meetingId: string;
}

/** The form to schedule or change a meeting (`cards/meeting-form.json`). */
export interface MeetingFormCard {
  heading: string;
  note: string;
  formError: string;
  title: FieldModel;
  date: FieldModel;
  start: FieldModel;
  end: FieldModel;
  place: FieldModel;
  link: FieldModel;
  /** New meetings only: the recurrence and the end of a series. */
  showRepeat: boolean;
  repeat: FieldModel & { choices: Choice[] };
  until: FieldModel;
  submitTitle: string;
  data: MeetingActionData;
  submitData: MeetingActionData & { verb: 'meeting.save' };
  fallback: string;
}

/** A meeting: saved, announced, reminded, asked for (`cards/meeting.json`). */
export interface MeetingCard {
  heading: string;
  /** `attention` for a cancellation, `good` for a saved meeting, `default` otherwise. */
  tone: 'default' | 'good' | 'attention';
  notice: string;
  title: string;
  facts: { title: string; value: string }[];
  agendaTitle: string;
  agenda: { line: string; detail: string }[];
  /** Shown when the agenda is empty ('' hides it). */
  agendaEmpty: string;
  links: LinkModel[];
  canManage: boolean;
  editTitle: string;
  cancelTitle: string;
  data: MeetingActionData;
  editData: MeetingActionData & { verb: 'meeting.edit' };
  cancelData: MeetingActionData & { verb: 'meeting.cancel' };
  fallback: string;
}

/** The confirmation of a cancellation (`cards/meeting-cancel.json`). */
export interface MeetingCancelCard {
  heading: string;
  question: string;
  isSeries: boolean;
  meetingTitle: string;
  seriesTitle: string;
  keepTitle: string;
  meetingData: MeetingActionData & { confirm: 'meeting' };
  seriesData: MeetingActionData & { confirm: 'series' };
  keepData: MeetingActionData;
  meetingSubmit: MeetingActionData & { confirm: 'meeting'; verb: 'meeting.cancel' };
  seriesSubmit: MeetingActionData & { confirm: 'series'; verb: 'meeting.cancel' };
  keepSubmit: MeetingActionData & { verb: 'meeting.show' };
  fallback: string;
}

/** The next meetings (`cards/meeting-list.json`). */
export interface MeetingListCard {
  heading: string;
  meetings: { title: string; when: string; where: string }[];
  more: string;
  links: LinkModel[];
  fallback: string;
}

/** Card data of the agenda verbs: the item, its meeting, and the meeting the card shows. */
export interface AgendaActionData {
  meetingId: string;
  itemId: string;
  viewId: string;
}

/** A button on an agenda item: its verb, title, data and `Action.Submit` fallback data. */
export interface AgendaButton {
  verb: string;
  title: string;
  data: AgendaActionData;
  submit: AgendaActionData & { verb: string };
}

/** A meeting's agenda: to manage for coordinators, to read for everyone else (`cards/agenda.json`). */
export interface AgendaCard {
  heading: string;
  subtitle: string;
  notice: string;
  itemsTitle: string;
  items: { line: string; detail: string; buttons: AgendaButton[] }[];
  empty: string;
  proposalsTitle: string;
  proposals: { line: string; detail: string; buttons: AgendaButton[] }[];
  previousTitle: string;
  previous: { line: string; detail: string; buttons: AgendaButton[] }[];
  canPublish: boolean;
  publishTitle: string;
  publishData: { meetingId: string };
  publishSubmit: { meetingId: string; verb: 'agenda.publish' };
  fallback: string;
}

/** The form to propose an agenda item, or (`submitted`) its confirmation (`cards/agenda-proposal.json`). */
export interface AgendaProposalCard {
  heading: string;
  intro: string;
  submitted: boolean;
  title: FieldModel;
  description: FieldModel;
  minutes: FieldModel;
  project: FieldModel & { choices: Choice[] };
  meeting: FieldModel & { choices: Choice[] };
  submitTitle: string;
  data: Record<string, never>;
  submitData: { verb: 'agenda.propose' };
  fallback: string;
}

/** A published agenda, posted in the meeting's thread (`cards/agenda-published.json`). */
export interface AgendaPublishedCard {
  heading: string;
  subtitle: string;
  items: { time: string; title: string; detail: string }[];
  fallback: string;
}

declare module '../../../platform/teams/cards' {
  interface CardModels {
    'meeting-form': MeetingFormCard;
    meeting: MeetingCard;
    'meeting-cancel': MeetingCancelCard;
    'meeting-list': MeetingListCard;
    agenda: AgendaCard;
    'agenda-proposal': AgendaProposalCard;
    'agenda-published': AgendaPublishedCard;
  }
}

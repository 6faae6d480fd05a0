/** The trend feature's card models (templates `cards/trends-*.json`). */

/** Who a note's card is for: the home channel, an owner of a concerned project (1:1), or the scout who posted it. */
export type NoteAudience = 'channel' | 'owner' | 'preview';

/** What the buttons of a note's card carry. */
export interface NoteActionData {
  trendId: string;
  /** Which card was clicked: the channel post (replaced by the answer) or an owner's copy. */
  view: 'channel' | 'owner';
}

/** A trend note (`cards/trends-note.json`). */
export interface TrendNoteCard {
  kicker: string;
  title: string;
  intro: string;
  summary: string;
  facts: { title: string; value: string }[];
  votes: string;
  notice: string;
  link: string;
  openTitle: string;
  canVote: boolean;
  relevantTitle: string;
  canRejectAsOwner: boolean;
  notRelevantTitle: string;
  data: NoteActionData;
  relevantData: NoteActionData & { verb: 'trend.relevant' };
  notRelevantData: NoteActionData & { verb: 'trend.notRelevant' };
  fallback: string;
}

/** The form of `Trend melden` (`cards/trends-form.json`). Error texts are '' when the input is fine. */
export interface TrendFormCard {
  title: string;
  intro: string;
  formError: string;
  texts: { id: 'title' | 'link' | 'summary' | 'tags'; label: string; multiline: boolean; maxLength: number; placeholder: string; value: string; error: string }[];
  fieldLabel: string;
  field: string;
  fieldPlaceholder: string;
  fieldChoices: { title: string; value: string }[];
  fieldError: string;
  submitTitle: string;
  data: { token: string };
  submitData: { token: string; verb: 'trend.save' };
  fallback: string;
}

/** Notes found (`cards/trends-list.json`). */
export interface TrendListCard {
  title: string;
  items: { title: string; meta: string; summary: string; link: string; openTitle: string }[];
  more: string;
  fallback: string;
}

/** What a digest's buttons carry: the check and the entry. */
export interface EntryActionData {
  check: string;
  feed: string;
  entry: string;
}

/** The radar's digest to a scout (`cards/trends-digest.json`). */
export interface TrendDigestCard {
  title: string;
  intro: string;
  notice: string;
  entries: {
    title: string;
    meta: string;
    matched: string;
    /** What became of the entry ('' while open). */
    state: string;
    link: string;
    openTitle: string;
    open: boolean;
    shareTitle: string;
    ignoreTitle: string;
    data: EntryActionData;
    shareData: EntryActionData & { verb: 'trend.share' };
    ignoreData: EntryActionData & { verb: 'trend.ignore' };
  }[];
  more: string;
  fallback: string;
}

declare module '../../../platform/teams/cards' {
  interface CardModels {
    'trends-note': TrendNoteCard;
    'trends-form': TrendFormCard;
    'trends-list': TrendListCard;
    'trends-digest': TrendDigestCard;
  }
}

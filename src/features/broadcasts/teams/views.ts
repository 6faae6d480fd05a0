import { formatDateTime, type ViewContext } from '../../../platform/i18n/format';
import type { MessageKey } from '../../../platform/i18n';
import type { DraftErrors, DraftField } from '../domain/draft';
import { AUDIENCES, LIMITS, type Broadcast, type PersonRef } from '../domain/model';
import type { BroadcastReport, Miss } from '../domain/report';
import type { BroadcastForm, BroadcastSummary, Notice, Reach } from '../domain/service';
import type { BroadcastButton, BroadcastFormCard, BroadcastListCard, BroadcastMessageCard, BroadcastReportCard, TextInputModel } from './cards';

/** How many names a card lists in one section before "… and N more" (a card must stay well under Teams' size limit). */
const NAMES_SHOWN = 30;
/** Characters of the progress bar. */
const BAR_WIDTH = 20;

export function button(title: string, verb: string, broadcastId: string, style: BroadcastButton['style'] = 'default', token = ''): BroadcastButton {
  const data = token ? { broadcastId, token } : { broadcastId };
  return { title, verb, style, data, submitData: { ...data, verb } };
}

/** Who a broadcast goes to, in words (the municipalities named). */
export function audienceLine(broadcast: Pick<Broadcast, 'audience' | 'municipalities'>, view: ViewContext): string {
  const { audience, municipalities } = broadcast;
  return audience === 'municipalities' && municipalities.length > 0 ? view.t('broadcast.audienceOf', { municipalities: municipalities.join(', ') }) : view.t(`broadcast.audiences.${audience}`);
}

function errorText(errors: DraftErrors, field: DraftField, view: ViewContext): string {
  const error = errors[field];
  if (!error) return '';
  // Lengths as people write them: 20.000 / 20,000. `count` stays a number: it picks the plural form.
  const numbers = new Intl.NumberFormat(view.locale === 'de' ? 'de-DE' : 'en-GB');
  const params = Object.fromEntries(Object.entries(error.params ?? {}).map(([k, v]) => [k, typeof v === 'number' && k !== 'count' ? numbers.format(v) : v]));
  return view.t(`broadcast.errors.${error.code}` as MessageKey, params);
}

/** The form: fresh, filled from a draft, returned with errors next to the inputs, or the correction of a sent one. */
export function formModel(form: BroadcastForm, view: ViewContext): BroadcastFormCard {
  const { t } = view;
  const { values, errors } = form;
  const correction = form.mode === 'correction';
  const input = (field: 'title' | 'text' | 'linkTitle' | 'link', value: string, placeholder = ''): TextInputModel => ({
    label: t(`broadcast.form.${field}`),
    value,
    placeholder,
    maxLength: LIMITS[field],
    error: errorText(errors, field, view),
  });
  return {
    title: correction ? t('broadcast.form.titleCorrect') : form.broadcastId ? t('broadcast.form.titleEdit') : t('broadcast.form.titleNew'),
    intro: correction ? t('broadcast.form.introCorrect') : t('broadcast.form.intro'),
    formError: errorText(errors, 'form', view),
    requiredMessage: t('broadcast.errors.required'),
    correction,
    titleInput: input('title', values.title),
    textInput: input('text', values.text),
    audience: {
      label: t('broadcast.form.audience'),
      value: values.audience,
      choices: AUDIENCES.filter((a) => form.audiences.includes(a)).map((value) => ({ title: t(`broadcast.audiences.${value}`), value })),
      error: errorText(errors, 'audience', view),
    },
    municipalities: {
      label: t('broadcast.form.municipalities'),
      value: values.municipalities.join(','),
      choices: form.municipalities.map((name) => ({ title: name, value: name })),
      error: errorText(errors, 'municipalities', view),
    },
    linkTitleInput: input('linkTitle', values.linkTitle, t('broadcast.message.linkDefault')),
    linkInput: input('link', values.link, 'https://…'),
    ackLabel: t('broadcast.form.ack'),
    ack: values.ack ? 'true' : 'false',
    ackError: errorText(errors, 'ack', view),
    sendAtLabel: t('broadcast.form.sendAt'),
    sendAtDate: values.sendAtDate,
    sendAtTimeLabel: t('broadcast.form.sendAtTime'),
    sendAtTime: values.sendAtTime,
    sendAtError: errorText(errors, 'sendAt', view),
    submit: correction ? button(t('broadcast.form.saveCorrection'), 'broadcast.correct', form.broadcastId, 'positive') : button(t('broadcast.form.preview'), 'broadcast.preview', form.broadcastId, 'positive', form.token),
    fallback: t('broadcast.form.fallback'),
  };
}

/** Names, the first {@link NAMES_SHOWN} of them, then how many more. */
function names(lines: readonly string[], view: ViewContext): string[] {
  if (lines.length <= NAMES_SHOWN) return [...lines];
  return [...lines.slice(0, NAMES_SHOWN), view.t('broadcast.report.more', { count: lines.length - NAMES_SHOWN })];
}

/** Who a draft reaches, as the preview says it. */
export function reachLine(reach: Reach, view: ViewContext): string {
  const { t } = view;
  if (reach.kind === 'channel') return t('broadcast.preview.reachChannel');
  const details = [
    reach.viaTeam > 0 ? t('broadcast.preview.viaTeam', { count: reach.viaTeam }) : '',
    reach.unreachable.length > 0 ? t('broadcast.preview.unreachable', { count: reach.unreachable.length, names: names(reach.unreachable.map((p) => p.name), view).join(', ') }) : '',
    reach.unknown > 0 ? t('broadcast.preview.unknown', { count: reach.unknown }) : '',
  ].filter(Boolean);
  const people = t('broadcast.preview.reachPeople', { count: reach.total });
  return details.length > 0 ? t('broadcast.preview.withDetails', { people, details: details.join(', ') }) : t('broadcast.preview.plain', { people });
}

/** How a recipient's copy differs from the message itself. */
export interface CopyState {
  /** When they confirmed reading it. */
  readonly confirmedAt?: Date;
  /** This copy is the reminder. */
  readonly reminder?: boolean;
}

/** The message as a recipient sees it (`copy`), or the author's preview of it (`preview`). */
export function messageModel(broadcast: Broadcast, author: PersonRef, view: ViewContext, shown: { preview: Reach; notice?: Notice } | { copy: CopyState }): BroadcastMessageCard {
  const { t } = view;
  const { content } = broadcast;
  const preview = 'preview' in shown ? shown : undefined;
  const copy = 'copy' in shown ? shown.copy : undefined;
  const notices = [
    copy?.reminder ? t('broadcast.message.reminder') : '',
    broadcast.correctedAt ? t('broadcast.message.corrected', { date: formatDateTime(broadcast.correctedAt, view) }) : '',
    preview?.notice ? noticeText(preview.notice, broadcast, view) : '',
  ].filter(Boolean);
  const when = broadcast.sendAt ? t('broadcast.preview.sendAt', { date: formatDateTime(broadcast.sendAt, view) }) : t('broadcast.preview.sendNow');
  return {
    preview: preview !== undefined,
    previewTitle: t('broadcast.preview.title'),
    previewLines: preview ? [reachLine(preview.preview, view), broadcast.ack ? `${when} ${t('broadcast.preview.ack')}` : when] : [],
    notice: notices.join(' '),
    messageStyle: preview ? 'emphasis' : 'default',
    title: content.title,
    sender: t('broadcast.message.sender', { author: author.name }),
    text: content.text,
    hasLink: content.link !== '',
    linkTitle: content.linkTitle || t('broadcast.message.linkDefault'),
    link: content.link,
    hasAck: broadcast.ack && copy?.confirmedAt === undefined,
    ackEnabled: copy !== undefined,
    ackTitle: t('broadcast.message.ack'),
    ackData: { broadcastId: broadcast.id },
    ackSubmitData: { broadcastId: broadcast.id, verb: 'broadcast.ack' },
    confirmed: copy?.confirmedAt ? t('broadcast.message.confirmed', { date: formatDateTime(copy.confirmedAt, view) }) : '',
    buttons: preview
      ? [
          button(t('broadcast.preview.send'), 'broadcast.send', broadcast.id, 'positive'),
          button(t('broadcast.preview.edit'), 'broadcast.edit', broadcast.id),
          button(t('broadcast.preview.discard'), 'broadcast.discard', broadcast.id, 'destructive'),
        ]
      : [],
    fallback: preview ? t('broadcast.preview.fallback', { title: content.title }) : t('broadcast.message.fallback', { title: content.title, author: author.name }),
  };
}

function noticeText(notice: Notice, broadcast: Broadcast, view: ViewContext): string {
  const date = broadcast.remindedAt ? formatDateTime(broadcast.remindedAt, view) : '';
  return view.t(`broadcast.notices.${notice}`, { count: broadcast.remindedCount, date });
}

function bar(done: number, total: number): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.floor(share * 100)} %`;
}

function missLine(miss: Miss, view: ViewContext): string {
  const who = miss.person?.name ?? view.t('broadcast.report.channel');
  return view.t('broadcast.report.missed', { name: who, reason: view.t(`broadcast.report.reasons.${miss.reason}`, { code: miss.code }) });
}

/** The author's card after Send: scheduled, the progress while sending, then the report with its actions. */
export function reportModel(broadcast: Broadcast, report: BroadcastReport, view: ViewContext, notice?: Notice): BroadcastReportCard {
  const { t } = view;
  const title = t('broadcast.report.title', { title: broadcast.content.title });
  const audience = audienceLine(broadcast, view);
  const status =
    broadcast.state === 'scheduled'
      ? t('broadcast.report.scheduled', { date: formatDateTime(broadcast.sendAt ?? broadcast.updatedAt, view), audience })
      : broadcast.state === 'sent'
        ? t('broadcast.report.sent', { date: formatDateTime(broadcast.finishedAt ?? broadcast.updatedAt, view), audience })
        : t('broadcast.report.sending', { audience });
  const started = broadcast.state === 'sending' || broadcast.state === 'sent';
  const facts = [
    { title: t('broadcast.report.facts.recipients'), value: String(report.total) },
    ...(started
      ? [
          { title: t('broadcast.report.facts.sent'), value: String(report.sent) },
          { title: t('broadcast.report.facts.pending'), value: String(report.pending) },
          { title: t('broadcast.report.facts.failed'), value: String(report.failed) },
          { title: t('broadcast.report.facts.unreachable'), value: String(report.unreachable) },
        ]
      : []),
    ...(started && broadcast.ack ? [{ title: t('broadcast.report.facts.read'), value: t('broadcast.report.readValue', { read: report.read, sent: report.sent }) }] : []),
  ];
  const sections = [
    { title: t('broadcast.report.missedTitle', { count: report.missed.length }), lines: names(report.missed.map((m) => missLine(m, view)), view) },
    ...(broadcast.state === 'sent' ? [{ title: t('broadcast.report.unconfirmedTitle', { count: report.unconfirmed.length }), lines: names(report.unconfirmed.map((p) => p.name), view) }] : []),
  ].filter((s) => s.lines.length > 0);
  const notes = [
    broadcast.remindedAt ? t('broadcast.report.reminded', { date: formatDateTime(broadcast.remindedAt, view), count: broadcast.remindedCount }) : '',
    broadcast.correctedAt ? t('broadcast.message.corrected', { date: formatDateTime(broadcast.correctedAt, view) }) : '',
    notice ? noticeText(notice, broadcast, view) : '',
  ].filter(Boolean);
  const buttons: BroadcastButton[] = [];
  if (broadcast.state === 'scheduled') buttons.push(button(t('broadcast.report.cancel'), 'broadcast.cancel', broadcast.id, 'destructive'));
  if (broadcast.state === 'sent' && broadcast.ack && !broadcast.remindedAt && report.unconfirmed.length > 0) buttons.push(button(t('broadcast.report.remind'), 'broadcast.remind', broadcast.id, 'positive'));
  if (broadcast.state === 'sent') buttons.push(button(t('broadcast.report.correct'), 'broadcast.correct', broadcast.id));
  return {
    title,
    status,
    bar: started ? bar(report.total - report.pending, report.total) : '',
    facts,
    notice: notes.join(' '),
    sections,
    buttons,
    fallback: started ? t('broadcast.report.fallback', { title: broadcast.content.title, sent: report.sent, total: report.total, read: report.read }) : `${title}: ${status}`,
  };
}

/** The counts of a broadcast in one line. */
export function countsLine(broadcast: Broadcast, report: BroadcastReport, view: ViewContext): string {
  const counts = view.t('broadcast.latest.counts', { sent: report.sent, failed: report.failed, unreachable: report.unreachable, pending: report.pending });
  return broadcast.ack ? view.t('broadcast.latest.withRead', { counts, read: report.read }) : counts;
}

/** When a broadcast went out, or is to. */
export function stateLine(broadcast: Broadcast, view: ViewContext): string {
  const at = broadcast.state === 'scheduled' ? broadcast.sendAt : broadcast.state === 'sent' ? broadcast.finishedAt : broadcast.startedAt;
  return view.t(`broadcast.latest.states.${broadcast.state}`, { date: formatDateTime(at ?? broadcast.updatedAt, view) });
}

/** `Rundschreiben Status`: the newest broadcasts with their counts, each with a button to its report. */
export function latestModel(summaries: readonly BroadcastSummary[], view: ViewContext): BroadcastListCard {
  const { t } = view;
  return {
    title: t('broadcast.latest.title'),
    empty: summaries.length === 0 ? t('broadcast.latest.empty') : '',
    items: summaries.map(({ broadcast, report }) => ({
      title: broadcast.content.title,
      lines: [`${audienceLine(broadcast, view)} · ${stateLine(broadcast, view)}`, countsLine(broadcast, report, view)],
      button: button(t('broadcast.latest.open'), 'broadcast.report', broadcast.id),
    })),
    fallback: summaries.length === 0 ? t('broadcast.latest.empty') : `${t('broadcast.latest.title')}: ${summaries.map((s) => s.broadcast.content.title).join(', ')}`,
  };
}

/** `Entwürfe` / `drafts`: the author's drafts, each with a button that opens it in the form. */
export function draftsModel(drafts: readonly Broadcast[], view: ViewContext): BroadcastListCard {
  const { t } = view;
  return {
    title: t('broadcast.drafts.title'),
    empty: drafts.length === 0 ? t('broadcast.drafts.empty') : '',
    items: drafts.map((draft) => ({
      title: draft.content.title,
      lines: [t('broadcast.drafts.line', { audience: audienceLine(draft, view), date: formatDateTime(draft.updatedAt, view) })],
      button: button(t('broadcast.drafts.open'), 'broadcast.edit', draft.id),
    })),
    fallback: drafts.length === 0 ? t('broadcast.drafts.empty') : `${t('broadcast.drafts.title')}: ${drafts.map((d) => d.content.title).join(', ')}`,
  };
}

/** What replaces the preview of a discarded draft. */
export function discardedModel(title: string, view: ViewContext): BroadcastListCard {
  const text = view.t('broadcast.discarded.text', { title });
  return { title: view.t('broadcast.discarded.title'), empty: text, items: [], fallback: text };
}

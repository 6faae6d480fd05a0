import type { Locale } from '../../../platform/config';
import type { Directory, DirectorySource } from '../../../platform/directory/directory-cache';
import { isCoordinator, type Person } from '../../../platform/directory/model';
import type { CardData } from '../../../platform/feature';
import type { Jobs } from '../../../platform/scheduler/jobs';
import type { GroupSettingsRepository } from '../../../platform/storage/group-settings-repository';
import { audienceMembers, parseQuickBroadcast } from './audience';
import { checkContent, checkDraft, EMPTY_VALUES, readValues, valuesOf, type DraftErrors, type DraftFields, type DraftRules, type DraftValues } from './draft';
import { isBroadcastId, newBroadcastId, PROGRESS_INTERVAL_MS, type Audience, type Broadcast, type PersonRef } from './model';
import type { AuthorCard, BroadcastNotifier, Recipients } from './notifier';
import { buildReport, CHANNEL_KEY, missReason, personRef, type BroadcastReport, type MissReason, type RecipientOutcome } from './report';
import type { BroadcastRepositories } from './repositories';

/** The job handlers of broadcasts, by the name jobs are stored with. */
export const BROADCAST_JOBS = { send: 'broadcast.send', progress: 'broadcast.progress', remind: 'broadcast.remind', correct: 'broadcast.correct' } as const;

/** What the broadcast use cases need. The command line has no notifier: it never sends. */
export interface BroadcastContext {
  readonly repos: BroadcastRepositories & { readonly groupSettings: GroupSettingsRepository };
  readonly directory: DirectorySource;
  readonly jobs: Jobs;
  readonly now: () => Date;
  readonly timezone: string;
  /** The audiences a coordinator may write to (`BROADCAST_AUDIENCES`; all when not restricted). */
  readonly audiencesFor: (email: string) => readonly Audience[];
  /** What became of each recipient's message (read from the outbox). */
  readonly outcomes: OutcomeSource;
  readonly notifier?: BroadcastNotifier;
  readonly random?: () => number;
}

/** The form, fresh, filled from a draft, or returned with errors; `correction`: the text of a sent broadcast. */
export interface BroadcastForm {
  readonly mode: 'draft' | 'correction';
  /** The draft (or sent broadcast) the form edits; '' for a new one. */
  readonly broadcastId: string;
  /**
   * For a new one: the id its draft will have, carried in the card's data, so that Preview clicked twice on the
   * same form stores one draft. '' otherwise.
   */
  readonly token: string;
  readonly values: DraftValues;
  readonly errors: DraftErrors;
  readonly audiences: readonly Audience[];
  readonly municipalities: readonly string[];
}

/** How many a draft would reach, and how. */
export type Reach =
  | { readonly kind: 'channel' }
  | { readonly kind: 'people'; readonly total: number; readonly viaTeam: number; readonly unreachable: readonly PersonRef[]; readonly unknown: number };

/** Why the card shows what it shows, beyond the broadcast's state. */
export type Notice = 'cancelled' | 'cancelFirst' | 'tooLate' | 'alreadySent' | 'reminding' | 'alreadyReminded' | 'nobodyToRemind' | 'correcting' | 'notSentYet';

/** What a card action or command answers with. */
export type BroadcastAnswer =
  | { readonly kind: 'notAllowed'; readonly coordinators: readonly string[] }
  /** The card names a broadcast that does not exist, or that is not the actor's to change. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'notYours'; readonly broadcast: Broadcast }
  | { readonly kind: 'form'; readonly form: BroadcastForm }
  | { readonly kind: 'preview'; readonly broadcast: Broadcast; readonly reach: Reach; readonly notice?: Notice }
  | { readonly kind: 'report'; readonly broadcast: Broadcast; readonly report: BroadcastReport; readonly notice?: Notice }
  | { readonly kind: 'discarded'; readonly title: string };

/** What a recipient's click on „Gelesen ✓“ answers with. */
export type AckAnswer =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'notRecipient'; readonly broadcast: Broadcast }
  | { readonly kind: 'confirmed'; readonly broadcast: Broadcast; readonly at: Date };

/** A broadcast with its report, for lists. */
export interface BroadcastSummary {
  readonly broadcast: Broadcast;
  readonly report: BroadcastReport;
}

/** One row of the export: one recipient. */
export interface ExportRow {
  readonly recipient: PersonRef | undefined;
  readonly status: RecipientStatus;
  readonly sentAt?: Date;
  readonly readAt?: Date;
}

export type RecipientStatus = { readonly kind: 'sent' | 'pending' } | { readonly kind: 'missed'; readonly reason: MissReason; readonly code: string };

/** What became of the messages of a broadcast, read from the outbox (the author's card and reminders left out). */
export interface OutcomeSource {
  all(broadcastId: string): Promise<RecipientOutcome[]>;
  /** The outcome of the message to one recipient (by e-mail), if it was handed to the outbox. */
  one(broadcastId: string, email: string): Promise<RecipientOutcome | undefined>;
}

const jobId = (kind: keyof typeof BROADCAST_JOBS, id: string, suffix = '') => `${BROADCAST_JOBS[kind]}:${id}${suffix}`;

/** How soon to look again when the author's card has an update on its way to Teams. */
const PROGRESS_RECHECK_MS = 1_000;

/** How many of the newest broadcasts `Rundschreiben Status` shows. */
export const STATUS_LIST_LENGTH = 5;

/**
 * The broadcast use cases bound to their context, as the Teams part, the scheduler and the command line call
 * them. Each returns what happened as data; the caller renders it. Sending, progress, reminders and
 * corrections run as scheduler jobs, so a restart or a second instance loses and repeats nothing.
 */
export function createBroadcastService(ctx: BroadcastContext) {
  const notifier = (): BroadcastNotifier => {
    if (!ctx.notifier) throw new Error('this process has no broadcast notifier: only the bot sends broadcasts');
    return ctx.notifier;
  };

  const coordinatorNames = async () => (await ctx.directory.current()).people.filter(isCoordinator).map((p) => p.name);
  const refuse = async (): Promise<BroadcastAnswer> => ({ kind: 'notAllowed', coordinators: await coordinatorNames() });

  async function rules(author: Person, directory: Directory): Promise<DraftRules> {
    return {
      now: ctx.now(),
      timezone: ctx.timezone,
      municipalities: directory.municipalities.map((m) => m.name),
      audiences: ctx.audiencesFor(author.email),
      hasHomeChannel: (await ctx.repos.groupSettings.homeChannel()) !== undefined,
    };
  }

  /** The form of the draft `of` (its id), or of a new one (`of.token`: the id it will have; a fresh one when absent). */
  async function form(author: Person, values: DraftValues, errors: DraftErrors, of: { id?: string; token?: string } = {}, mode: BroadcastForm['mode'] = 'draft'): Promise<BroadcastAnswer> {
    const directory = await ctx.directory.current();
    const audiences = ctx.audiencesFor(author.email);
    const shown = audiences.includes(values.audience as Audience) || mode === 'correction' ? values : { ...values, audience: audiences[0]! };
    const broadcastId = of.id ?? '';
    const token = broadcastId ? '' : (of.token ?? newBroadcastId(ctx.now(), ctx.random));
    return { kind: 'form', form: { mode, broadcastId, token, values: shown, errors, audiences, municipalities: directory.municipalities.map((m) => m.name) } };
  }

  /** The broadcast a card names, if it is the actor's. */
  async function own(actor: Person, data: CardData): Promise<{ kind: 'found'; broadcast: Broadcast; etag: string } | { kind: 'unknown' } | { kind: 'notYours'; broadcast: Broadcast }> {
    if (!isBroadcastId(data.broadcastId)) return { kind: 'unknown' };
    const stored = await ctx.repos.broadcasts.get(data.broadcastId);
    if (!stored) return { kind: 'unknown' };
    if (stored.value.authorEmail !== actor.email) return { kind: 'notYours', broadcast: stored.value };
    return { kind: 'found', broadcast: stored.value, etag: stored.etag };
  }

  async function recipients(broadcast: Pick<Broadcast, 'audience' | 'municipalities'>): Promise<Recipients | undefined> {
    if (broadcast.audience === 'channel') {
      const channel = await ctx.repos.groupSettings.homeChannel();
      return channel && { kind: 'channel', channel };
    }
    return { kind: 'people', people: audienceMembers(broadcast.audience, broadcast.municipalities, await ctx.directory.current()) };
  }

  const countOf = (r: Recipients | undefined) => (r === undefined ? 0 : r.kind === 'channel' ? 1 : r.people.length);

  async function reach(broadcast: Broadcast): Promise<Reach> {
    const resolved = await recipients(broadcast);
    if (resolved?.kind === 'channel') return { kind: 'channel' };
    const people = resolved?.people ?? [];
    const ways = await notifier().reachability(people);
    const directory = await ctx.directory.current();
    return {
      kind: 'people',
      total: people.length,
      viaTeam: ways.filter((w) => w.kind === 'team').length,
      unreachable: people.filter((_, i) => ways[i]!.kind === 'unreachable').map((p) => personRef(p.email, directory)),
      unknown: ways.filter((w) => w.kind === 'unknown').length,
    };
  }

  async function report(broadcast: Broadcast): Promise<BroadcastReport> {
    const [outcomes, acks] = await Promise.all([broadcast.state === 'draft' || broadcast.state === 'scheduled' ? [] : ctx.outcomes.all(broadcast.id), ctx.repos.acks.list(broadcast.id)]);
    return buildReport(broadcast, outcomes, acks, await ctx.directory.current());
  }

  const reportAnswer = async (broadcast: Broadcast, notice?: Notice): Promise<BroadcastAnswer> => ({ kind: 'report', broadcast, report: await report(broadcast), ...(notice ? { notice } : {}) });
  const previewAnswer = async (broadcast: Broadcast, notice?: Notice): Promise<BroadcastAnswer> => ({ kind: 'preview', broadcast, reach: await reach(broadcast), ...(notice ? { notice } : {}) });

  /** What a card of a broadcast that is no longer a draft shows: its report, or its preview once it is a draft again. */
  const current = (broadcast: Broadcast, notice?: Notice) => (broadcast.state === 'draft' ? previewAnswer(broadcast, notice) : reportAnswer(broadcast, notice));

  /**
   * Checks the draft, stores it (the actor's draft `existing`, or a new one with the id `newId`) and previews it.
   * Problems come back on the form, next to their inputs, and nothing is stored.
   */
  async function saveDraft(actor: Person, values: DraftValues, locale: Locale, target: { existing: { broadcast: Broadcast; etag: string } } | { newId: string }): Promise<BroadcastAnswer> {
    const existing = 'existing' in target ? target.existing : undefined;
    const of = existing ? { id: existing.broadcast.id } : { token: (target as { newId: string }).newId };
    const directory = await ctx.directory.current();
    const checked = checkDraft(values, await rules(actor, directory));
    if (!checked.ok) return form(actor, values, checked.errors, of);
    const fields: DraftFields = checked.fields;
    if (countOf(await recipients(fields)) === 0) return form(actor, values, { audience: { code: 'noRecipients' } }, of);
    const now = ctx.now();
    const draft: Broadcast = {
      ...(existing?.broadcast ?? newDraft(actor, (target as { newId: string }).newId, now)),
      ...fields,
      ...(fields.sendAt ? {} : { sendAt: undefined }),
      locale,
      updatedAt: now,
    };
    const saved = existing ? (await ctx.repos.broadcasts.replace(draft, existing.etag)) !== undefined : await ctx.repos.broadcasts.create(draft);
    if (!saved) {
      // Changed meanwhile (another click, Send from another card), or Preview clicked twice on one form: show what it is now.
      const stored = await ctx.repos.broadcasts.get(draft.id);
      if (!stored) return { kind: 'unknown' };
      if (stored.value.authorEmail !== actor.email) return form(actor, values, { form: { code: 'notYourDraft' } });
      return stored.value.state === 'draft' ? saveDraft(actor, values, locale, { existing: { broadcast: stored.value, etag: stored.etag } }) : current(stored.value, 'alreadySent');
    }
    return previewAnswer(draft);
  }

  function newDraft(actor: Person, id: string, now: Date): Broadcast {
    return {
      id,
      authorEmail: actor.email,
      locale: 'de',
      state: 'draft',
      content: { title: '', text: '', linkTitle: '', link: '' },
      audience: 'cdos',
      municipalities: [],
      ack: false,
      createdAt: now,
      updatedAt: now,
      recipientCount: 0,
      cardDeliveryId: '',
      revision: 0,
      remindedCount: 0,
    };
  }

  /** Replaces a broadcast read with `etag` by `change(it)`; re-reads and asks again when someone changed it meanwhile. */
  async function transition(id: string, etag: string, broadcast: Broadcast, change: (b: Broadcast) => Broadcast | undefined): Promise<Broadcast | undefined> {
    let currentValue = broadcast;
    let currentEtag = etag;
    for (let tries = 0; tries < 5; tries++) {
      const next = change(currentValue);
      if (!next) return undefined;
      if ((await ctx.repos.broadcasts.replace(next, currentEtag)) !== undefined) return next;
      const stored = await ctx.repos.broadcasts.get(id);
      if (!stored) return undefined;
      ({ value: currentValue, etag: currentEtag } = stored);
    }
    throw new Error(`broadcast ${id} kept changing`);
  }

  /** Asks for the author's card to be updated, at most every {@link PROGRESS_INTERVAL_MS} (and not before `notBefore`). */
  async function requestProgress(broadcast: Broadcast, notBefore = 0): Promise<void> {
    const at = new Date(Math.max(ctx.now().getTime(), notBefore, (broadcast.progressAt?.getTime() ?? 0) + PROGRESS_INTERVAL_MS));
    const job = { id: jobId('progress', broadcast.id), handler: BROADCAST_JOBS.progress, at, payload: { broadcastId: broadcast.id } };
    // A one-off job that ran is kept as it was: a later request needs it anew.
    if ((await ctx.jobs.scheduleOnce(job)).completedAt) {
      await ctx.jobs.cancel(job.id);
      await ctx.jobs.scheduleOnce(job);
    }
  }

  async function withActor(actor: Person | undefined, run: (actor: Person) => Promise<BroadcastAnswer>): Promise<BroadcastAnswer> {
    return isCoordinator(actor) ? run(actor) : refuse();
  }

  /** A card action on one of the actor's own broadcasts. */
  function onOwn(actor: Person | undefined, data: CardData, run: (found: { broadcast: Broadcast; etag: string }, actor: Person) => Promise<BroadcastAnswer>): Promise<BroadcastAnswer> {
    return withActor(actor, async (coordinator) => {
      const found = await own(coordinator, data);
      if (found.kind !== 'found') return found;
      return run(found, coordinator);
    });
  }

  return {
    /** `Rundschreiben` / `broadcast`: the empty form. */
    openForm: (actor: Person | undefined) => withActor(actor, (a) => form(a, EMPTY_VALUES, {})),

    /** `broadcast.preview`: the form's values stored as a draft and previewed. */
    preview: (actor: Person | undefined, data: CardData, locale: Locale) =>
      withActor(actor, async (a) => {
        const values = readValues(data);
        if (data.broadcastId === undefined || data.broadcastId === '') return saveDraft(a, values, locale, { newId: isBroadcastId(data.token) ? data.token : newBroadcastId(ctx.now(), ctx.random) });
        const found = await own(a, data);
        if (found.kind === 'unknown') return form(a, values, { form: { code: 'unknownDraft' } });
        if (found.kind === 'notYours') return form(a, values, { form: { code: 'notYourDraft' } });
        if (found.broadcast.state !== 'draft') return form(a, values, { form: { code: 'notADraft' } }, { id: found.broadcast.id });
        return saveDraft(a, values, locale, { existing: found });
      }),

    /** `Rundschreiben an alle CDOs: …`: a new draft from one line, previewed; problems come back on the form. */
    quick: (actor: Person | undefined, message: string, title: string, locale: Locale) =>
      withActor(actor, async (a) => {
        const quick = parseQuickBroadcast(message);
        if (!quick) return form(a, EMPTY_VALUES, {});
        return saveDraft(a, { ...EMPTY_VALUES, title, text: quick.text, audience: quick.audience, municipalities: quick.municipalities }, locale, { newId: newBroadcastId(ctx.now(), ctx.random) });
      }),

    /** `broadcast.edit`: the draft back in the form. */
    edit: (actor: Person | undefined, data: CardData) =>
      onOwn(actor, data, async ({ broadcast }, a) => {
        if (broadcast.state === 'scheduled') return reportAnswer(broadcast, 'cancelFirst');
        if (broadcast.state !== 'draft') return reportAnswer(broadcast, 'alreadySent');
        return form(a, valuesOf(broadcast, ctx.timezone), {}, { id: broadcast.id });
      }),

    /** `broadcast.discard`: a draft deleted. */
    discard: (actor: Person | undefined, data: CardData) =>
      onOwn(actor, data, async ({ broadcast, etag }) => {
        if (broadcast.state !== 'draft') return current(broadcast, broadcast.state === 'scheduled' ? 'cancelFirst' : 'alreadySent');
        if (!(await ctx.repos.broadcasts.delete(broadcast.id, etag))) {
          const stored = await ctx.repos.broadcasts.get(broadcast.id);
          return stored ? current(stored.value, 'alreadySent') : { kind: 'discarded', title: broadcast.content.title };
        }
        return { kind: 'discarded', title: broadcast.content.title };
      }),

    /**
     * `broadcast.send`: sends the draft now, or schedules it for its time. The author's card becomes the progress
     * card. A second click finds it sent or scheduled and shows where it stands; nothing goes out twice.
     */
    send: (actor: Person | undefined, data: CardData, card: AuthorCard | undefined, locale: Locale) =>
      onOwn(actor, data, async ({ broadcast, etag }, a) => {
        if (broadcast.state !== 'draft') return reportAnswer(broadcast, 'alreadySent');
        const directory = await ctx.directory.current();
        // Checked again: time passed since the preview, the directory or the home channel may have changed.
        const checked = checkDraft(valuesOf(broadcast, ctx.timezone), await rules(a, directory));
        if (!checked.ok) return form(a, valuesOf(broadcast, ctx.timezone), checked.errors, { id: broadcast.id });
        const count = countOf(await recipients(broadcast));
        if (count === 0) return form(a, valuesOf(broadcast, ctx.timezone), { audience: { code: 'noRecipients' } }, { id: broadcast.id });
        const now = ctx.now();
        const scheduled = broadcast.sendAt !== undefined;
        const sending = { locale, state: scheduled ? ('scheduled' as const) : ('sending' as const), recipientCount: count, updatedAt: now, progressAt: now, ...(scheduled ? {} : { startedAt: now }) };
        const cardDeliveryId = await notifier().adoptCard({ ...broadcast, ...sending }, buildReport({ ...broadcast, ...sending }, [], new Map(), directory), card);
        const stored = await transition(broadcast.id, etag, broadcast, (b) => (b.state === 'draft' ? { ...b, ...sending, cardDeliveryId } : undefined));
        if (!stored) {
          const after = await ctx.repos.broadcasts.get(broadcast.id);
          return after ? current(after.value, 'alreadySent') : { kind: 'unknown' };
        }
        await ctx.jobs.scheduleOnce({ id: jobId('send', stored.id), handler: BROADCAST_JOBS.send, at: stored.sendAt ?? now, payload: { broadcastId: stored.id } });
        return reportAnswer(stored);
      }),

    /** `broadcast.cancel`: a scheduled broadcast back to a draft (kept until sent or discarded). */
    cancel: (actor: Person | undefined, data: CardData) =>
      onOwn(actor, data, async ({ broadcast, etag }) => {
        if (broadcast.state === 'draft') return previewAnswer(broadcast);
        const stored = await transition(broadcast.id, etag, broadcast, (b) => (b.state === 'scheduled' ? { ...b, state: 'draft', updatedAt: ctx.now() } : undefined));
        if (!stored) {
          const after = await ctx.repos.broadcasts.get(broadcast.id);
          return after ? current(after.value, 'tooLate') : { kind: 'unknown' };
        }
        await ctx.jobs.cancel(jobId('send', stored.id));
        return previewAnswer(stored, 'cancelled');
      }),

    /** `broadcast.report`: where a broadcast stands (any coordinator may look). */
    report: (actor: Person | undefined, data: CardData) =>
      withActor(actor, async () => {
        if (!isBroadcastId(data.broadcastId)) return { kind: 'unknown' };
        const stored = await ctx.repos.broadcasts.get(data.broadcastId);
        if (!stored) return { kind: 'unknown' };
        return stored.value.state === 'draft' ? previewAnswer(stored.value) : reportAnswer(stored.value);
      }),

    /** `broadcast.remind`: one reminder to the recipients who have not confirmed yet. */
    remind: (actor: Person | undefined, data: CardData) =>
      onOwn(actor, data, async ({ broadcast, etag }) => {
        if (broadcast.state !== 'sent' || !broadcast.ack) return current(broadcast, broadcast.state === 'sent' ? undefined : 'notSentYet');
        if (broadcast.remindedAt) return reportAnswer(broadcast, 'alreadyReminded');
        const before = await report(broadcast);
        if (before.unconfirmed.length === 0) return { kind: 'report', broadcast, report: before, notice: 'nobodyToRemind' };
        const now = ctx.now();
        const stored = await transition(broadcast.id, etag, broadcast, (b) => (b.remindedAt ? undefined : { ...b, remindedAt: now, remindedCount: before.unconfirmed.length, updatedAt: now }));
        if (!stored) {
          const again = await ctx.repos.broadcasts.get(broadcast.id);
          return again ? reportAnswer(again.value, 'alreadyReminded') : { kind: 'unknown' };
        }
        await ctx.jobs.scheduleOnce({ id: jobId('remind', stored.id), handler: BROADCAST_JOBS.remind, at: now, payload: { broadcastId: stored.id } });
        return { kind: 'report', broadcast: stored, report: before, notice: 'reminding' };
      }),

    /**
     * `broadcast.correct`: without the form's inputs, the correction form (title, text, link); with them, the
     * new text stored and every copy Teams shows updated in place, marked as corrected.
     */
    correct: (actor: Person | undefined, data: CardData) =>
      onOwn(actor, data, async ({ broadcast, etag }, a) => {
        if (broadcast.state !== 'sent') return current(broadcast, 'notSentYet');
        if (data.text === undefined && data.title === undefined) return form(a, valuesOf(broadcast, ctx.timezone), {}, { id: broadcast.id }, 'correction');
        const values = { ...valuesOf(broadcast, ctx.timezone), ...pickContent(readValues(data)) };
        const { content, errors } = checkContent(values);
        if (Object.keys(errors).length > 0) return form(a, values, errors, { id: broadcast.id }, 'correction');
        const now = ctx.now();
        const stored = await transition(broadcast.id, etag, broadcast, (b) => ({ ...b, content, revision: b.revision + 1, correctedAt: now, updatedAt: now }));
        if (!stored) return { kind: 'unknown' };
        await ctx.jobs.scheduleOnce({ id: jobId('correct', stored.id, `:${stored.revision}`), handler: BROADCAST_JOBS.correct, at: now, payload: { broadcastId: stored.id } });
        return reportAnswer(stored, 'correcting');
      }),

    /** `broadcast.ack`: a recipient confirms reading; their card then says since when, and the author's card counts it. */
    ack: async (actor: Person | undefined, data: CardData): Promise<AckAnswer> => {
      if (!isBroadcastId(data.broadcastId)) return { kind: 'unknown' };
      const stored = await ctx.repos.broadcasts.get(data.broadcastId);
      if (!stored || stored.value.state === 'draft' || stored.value.state === 'scheduled') return { kind: 'unknown' };
      const broadcast = stored.value;
      if (!actor || !broadcast.ack || (await ctx.outcomes.one(broadcast.id, actor.email))?.status !== 'sent') return { kind: 'notRecipient', broadcast };
      const existing = await ctx.repos.acks.get(broadcast.id, actor.email);
      if (existing) return { kind: 'confirmed', broadcast, at: existing };
      const at = await ctx.repos.acks.add(broadcast.id, actor.email, ctx.now());
      await requestProgress(broadcast);
      return { kind: 'confirmed', broadcast, at };
    },

    /** `Entwürfe` / `drafts`: the actor's drafts, newest first. */
    drafts: (actor: Person | undefined) =>
      isCoordinator(actor) ? ctx.repos.broadcasts.list({ states: ['draft'], authorEmail: actor.email }).then((drafts) => ({ kind: 'drafts' as const, drafts })) : refuse(),

    /** `Rundschreiben Status` / `broadcast status`: the newest broadcasts (not drafts) with their counts. */
    latest: async (actor: Person | undefined) => (isCoordinator(actor) ? { kind: 'latest' as const, broadcasts: await summaries(STATUS_LIST_LENGTH) } : refuse()),

    /** Every broadcast but drafts, newest first, with its counts (the command line). */
    list: () => summaries(),

    /** One row per recipient (the command line's export); undefined for an unknown id. */
    exportRows: async (id: string): Promise<{ broadcast: Broadcast; rows: ExportRow[] } | undefined> => {
      const stored = isBroadcastId(id) ? await ctx.repos.broadcasts.get(id) : undefined;
      if (!stored) return undefined;
      const [outcomes, acks, directory] = await Promise.all([ctx.outcomes.all(stored.value.id), ctx.repos.acks.list(stored.value.id), ctx.directory.current()]);
      const rows = outcomes.map((o): ExportRow => {
        const missed = o.status === 'failed' || o.status === 'unreachable';
        const status: RecipientStatus = o.status === 'sent' ? { kind: 'sent' } : missed ? { kind: 'missed', reason: missReason(o.status, o.errorCode), code: o.errorCode } : { kind: 'pending' };
        const readAt = acks.get(o.key);
        return { recipient: o.key === CHANNEL_KEY ? undefined : personRef(o.key, directory), status, ...(o.sentAt ? { sentAt: o.sentAt } : {}), ...(readAt ? { readAt } : {}) };
      });
      return { broadcast: stored.value, rows };
    },

    // ---- jobs ----

    /** The send job: resolves the audience and hands the messages to the outbox (again after a restart: nothing twice). */
    runSend: async (id: string): Promise<{ recipients: number } | undefined> => {
      const stored = await ctx.repos.broadcasts.get(id);
      if (!stored) return undefined;
      const resolved = await recipients(stored.value);
      const broadcast = await transition(id, stored.etag, stored.value, (b) => {
        if (b.state !== 'scheduled' && b.state !== 'sending') return undefined; // cancelled, or done
        const now = ctx.now();
        return { ...b, state: 'sending', startedAt: b.startedAt ?? now, recipientCount: countOf(resolved), updatedAt: now };
      });
      if (!broadcast) return undefined;
      await requestProgress(broadcast);
      if (resolved) await notifier().send(broadcast, resolved);
      return { recipients: countOf(resolved) };
    },

    /**
     * The progress job: shows the report on the author's card when it changed, at most every
     * {@link PROGRESS_INTERVAL_MS} — counted from when Teams took the last update, which may have waited for
     * a place among a thousand messages — and runs again after that while sending; marks the broadcast sent
     * when every outcome is known.
     */
    runProgress: async (id: string): Promise<{ updated: boolean; done: boolean } | undefined> => {
      const stored = await ctx.repos.broadcasts.get(id);
      if (!stored || (stored.value.state !== 'sending' && stored.value.state !== 'sent')) return undefined;
      const now = ctx.now();
      const card = await notifier().cardState(stored.value);
      // An update still on its way goes first: another now could reach Teams right after it.
      const notBefore = card.busy ? now.getTime() + PROGRESS_RECHECK_MS : (card.shownAt?.getTime() ?? 0) + PROGRESS_INTERVAL_MS;
      const due = Math.max(notBefore, (stored.value.progressAt?.getTime() ?? 0) + PROGRESS_INTERVAL_MS);
      if (now.getTime() < due) {
        await requestProgress(stored.value, notBefore);
        return { updated: false, done: false };
      }
      const before = await report(stored.value);
      const broadcast = await transition(id, stored.etag, stored.value, (b) => ({
        ...b,
        progressAt: now,
        ...(b.state === 'sending' && before.done ? { state: 'sent' as const, finishedAt: now } : {}),
      }));
      if (!broadcast) return undefined;
      const updated = await notifier().showReport(broadcast, before);
      if (broadcast.state === 'sending') await requestProgress(broadcast);
      return { updated, done: broadcast.state === 'sent' };
    },

    /** The reminder job: the message again to each recipient who got it and has not confirmed. */
    runRemind: async (id: string): Promise<number> => {
      const stored = await ctx.repos.broadcasts.get(id);
      if (!stored) return 0;
      const { unconfirmed } = await report(stored.value);
      await notifier().remind(stored.value, unconfirmed);
      return unconfirmed.length;
    },

    /** The correction job: every copy Teams shows updated to the current text. */
    runCorrect: async (id: string): Promise<number> => {
      const stored = await ctx.repos.broadcasts.get(id);
      if (!stored) return 0;
      const count = await notifier().correct(stored.value, await ctx.repos.acks.list(id));
      await requestProgress(stored.value);
      return count;
    },

    /**
     * At start: a broadcast left sending or scheduled (a crash between storing it and scheduling its job) gets
     * its job again; jobs that exist are left as they are.
     */
    resume: async (): Promise<number> => {
      const open = await ctx.repos.broadcasts.list({ states: ['scheduled', 'sending'] });
      for (const broadcast of open) {
        const send = await ctx.jobs.scheduleOnce({ id: jobId('send', broadcast.id), handler: BROADCAST_JOBS.send, at: broadcast.sendAt ?? broadcast.startedAt ?? ctx.now(), payload: { broadcastId: broadcast.id } });
        if (broadcast.state === 'sending' && send.completedAt) await requestProgress(broadcast);
      }
      return open.length;
    },
  };

  async function summaries(limit?: number): Promise<BroadcastSummary[]> {
    const broadcasts = await ctx.repos.broadcasts.list({ states: ['scheduled', 'sending', 'sent'], ...(limit ? { limit } : {}) });
    return Promise.all(broadcasts.map(async (broadcast) => ({ broadcast, report: await report(broadcast) })));
  }
}

/** The inputs a correction may change. */
function pickContent(values: DraftValues): Pick<DraftValues, 'title' | 'text' | 'linkTitle' | 'link'> {
  const { title, text, linkTitle, link } = values;
  return { title, text, linkTitle, link };
}

export type BroadcastService = ReturnType<typeof createBroadcastService>;

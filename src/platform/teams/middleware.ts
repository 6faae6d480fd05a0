import { randomUUID } from 'node:crypto';
import { ActivityTypes, TeamsInfo, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Locale } from '../config';
import type { DirectorySource } from '../directory/directory-cache';
import { identifyUser } from '../directory/identity';
import type { PersonRepository } from '../directory/repositories';
import { resolveLocale, translator } from '../i18n';
import type { Logger } from '../logger';
import { recordContact, type ConversationRepository } from '../storage/conversations';
import { addressOf, tenantClaims, tenantOf, tenantRefusal } from './conversation-address';
import { setTurnInfo } from './turn';

/** What the middleware needs. */
export interface MiddlewareDependencies {
  readonly config: { readonly defaultLocale: Locale; readonly forceLocale: Locale | ''; readonly allowedTenants: readonly string[] };
  readonly logger: Logger;
  readonly now: () => Date;
  readonly conversations: ConversationRepository;
  readonly people: PersonRepository;
  /** The directory in memory: people linked to Teams users are recognised without a read. */
  readonly directory: DirectorySource;
}

/**
 * Runs before every handler: gives the turn a correlation id, a logger and the user's language, refuses
 * activities whose tenant is not allowed or whose two tenant fields disagree (see `tenantRefusal`), refreshes
 * the conversation's stored address on every message, and links the Teams user to a person of the directory.
 */
export class KuemmererMiddleware implements Middleware {
  constructor(private readonly deps: MiddlewareDependencies) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const correlationId = randomUUID();
    // The activity id ties our log lines to what Teams sent; the correlation id ties the lines of one turn together.
    const log = this.deps.logger.child({ correlationId, activityId: activity.id, activityType: activity.type, conversationType: activity.conversation?.conversationType });
    const locale = this.deps.config.forceLocale || resolveLocale(activity.locale, this.deps.config.defaultLocale);
    const info = { correlationId, log, locale, t: translator(locale) } as Parameters<typeof setTurnInfo>[1];
    setTurnInfo(context, info);

    const refusal = tenantRefusal(activity, this.deps.config.allowedTenants);
    if (refusal) {
      const claims = tenantClaims(activity);
      const tenantId = tenantOf(activity);
      log.warn({ tenantId: tenantId || '(none)', reason: refusal, conversationTenantId: claims.conversation || '(none)', channelDataTenantId: claims.channelData || '(none)' }, 'activity from a tenant that is not allowed refused');
      if (activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      return;
    }

    const isUserAction = activity.type === ActivityTypes.Message || activity.type === ActivityTypes.Invoke;
    if (isUserAction) {
      const now = this.deps.now();
      const address = addressOf(activity, now);
      await recordContact(this.deps.conversations, address, address.scope === 'channel' && address.teamId ? addressOf(activity, now, true) : undefined);
    }
    // Installs are identified too, so the welcome can greet the person by name. Other conversation updates
    // (members joining, channels renamed …) greet nobody and are not worth the reads and a member lookup.
    if (isUserAction || activity.type === ActivityTypes.InstallationUpdate || addsTheBot(activity)) {
      info.person = await identifyUser(this.deps.people, { aadObjectId: activity.from?.aadObjectId ?? '' }, async () => {
        try {
          const member = await TeamsInfo.getMember(context, activity.from.id);
          return { ok: true, email: member.email ?? member.userPrincipalName ?? '' };
        } catch (error) {
          // A failed lookup must not cost the user an answer; the next message tries again.
          log.warn({ err: error }, 'Teams member lookup failed; the user stays unlinked for now');
          return { ok: false };
        }
      }, async (aadObjectId) => (await this.deps.directory.current()).personByAadObjectId(aadObjectId));
    }
    const started = Date.now();
    await next();
    log.info({ ms: Date.now() - started }, 'turn done');
  }
}

/** A conversationUpdate that adds the bot itself: how Teams tells of an install (as `includesBot` in bot.ts). */
function addsTheBot(activity: Activity): boolean {
  return activity.type === ActivityTypes.ConversationUpdate && (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
}

/**
 * Tells the delivery pipeline of every request a turn makes to Teams (replies, updates, deletions): Teams counts
 * them against the same rate limits as the pipeline's proactive sends (50 per second for the app), so a
 * coordinator's confirmation sent while a round's cards go out must not push them over the limit.
 */
export class TurnRequestCounter implements Middleware {
  constructor(private readonly noteRequest: (conversationId: string) => void) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = () => context.activity.conversation?.id ?? '';
    context.onSendActivities(async (_context, activities, send) => {
      const responses = await send();
      // An invoke response is the HTTP answer to Teams' own request, a trace is not sent to Teams at all.
      for (const activity of activities) if (activity.type !== ActivityTypes.InvokeResponse && activity.type !== ActivityTypes.Trace) this.noteRequest(activity.conversation?.id ?? conversationId());
      return responses;
    });
    context.onUpdateActivity(async (_context, activity, update) => {
      await update();
      this.noteRequest(activity.conversation?.id ?? conversationId());
    });
    context.onDeleteActivity(async (_context, reference, remove) => {
      await remove();
      this.noteRequest(reference.conversation?.id ?? conversationId());
    });
    await next();
  }
}

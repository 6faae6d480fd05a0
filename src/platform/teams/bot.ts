import { ActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ChannelAccount, type InvokeResponse } from 'botbuilder';
import type { CardData, Installation, Reactions } from '../feature';
import { recordInstallEvent, type ConversationRepository } from '../storage/conversations';
import { addressOf } from './conversation-address';
import type { Router } from './router';
import { turnInfo } from './turn';

/** What the activity handler hands work to. */
export interface BotDependencies {
  readonly router: Router;
  readonly conversations: ConversationRepository;
  readonly now: () => Date;
  /** Every feature's install handler, in the order of the features. */
  readonly installed: readonly ((context: TurnContext, installation: Installation) => Promise<void>)[];
  /** Every feature's reaction handler, in the order of the features. */
  readonly reacted: readonly ((context: TurnContext, reactions: Reactions) => Promise<void>)[];
}

/**
 * The Teams activity handler. It only works out what arrived — a message, a card action, an install, an
 * uninstall, a reaction — and hands it to the feature that handles it; rules and storage live behind the features.
 */
export class KuemmererBot extends ActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      await this.routeMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.installed(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.uninstalled(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (includesBot(context, context.activity.membersAdded)) await this.installed(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (includesBot(context, context.activity.membersRemoved)) await this.uninstalled(context);
      await next();
    });
    this.onMessageReaction(async (context, next) => {
      const reactions = reactionsOf(context.activity);
      turnInfo(context).log.debug({ messageIds: reactions.messageIds, added: reactions.added, removed: reactions.removed }, 'reaction received');
      for (const handler of this.deps.reacted) await handler(context, reactions);
      await next();
    });
  }

  /**
   * A card action (`adaptiveCard/action`) whose value is not an `Action.Execute` with a verb gets a 400 with Teams'
   * error type here: botbuilder reads `value.action.type` unchecked and would fail the turn with a TypeError on a
   * value such as `{}` or `42`. Every other invoke goes on to botbuilder.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const problem = cardActionProblem(context.activity.value);
      if (problem) {
        turnInfo(context).log.warn({ problem }, 'malformed card action refused');
        const body: AdaptiveCardInvokeResponse = { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: problem } };
        return { status: 400, body };
      }
    }
    return super.onInvokeActivity(context);
  }

  /**
   * `Action.Execute`: the card in the response replaces the one clicked (PLATFORM-NOTES, "Bot Framework
   * protocol"). An unknown verb is a 400 with Teams' error type.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const route = this.deps.router.cardAction(verb);
    turnInfo(context).log.debug({ verb, route: route?.verb ?? 'none' }, 'card action routed');
    if (!route) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: `unknown verb "${String(verb)}"` } };
    const result = await route.handle(context, toCardData(data));
    if (typeof result === 'string') return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result as unknown as Record<string, unknown> };
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.content as Record<string, unknown> };
  }

  /**
   * `Action.Submit` from clients without Universal Actions: a message whose `value` holds the verb and the
   * inputs. Answered with the same card, put in place of the card clicked (its id is `replyToId`).
   */
  private async routeSubmit(context: TurnContext, value: CardData): Promise<boolean> {
    const route = this.deps.router.cardAction(value.verb);
    if (!route) return false;
    turnInfo(context).log.debug({ verb: route.verb }, 'card submit routed');
    const result = await route.handle(context, value);
    if (typeof result === 'string') {
      await context.sendActivity(result);
      return true;
    }
    const replyToId = context.activity.replyToId;
    if (replyToId) await context.updateActivity({ id: replyToId, type: 'message', attachments: [result] });
    else await context.sendActivity({ attachments: [result] });
    return true;
  }

  private async routeMessage(context: TurnContext): Promise<void> {
    const value: unknown = context.activity.value;
    if (value && typeof value === 'object' && (await this.routeSubmit(context, toCardData(value)))) return;
    // In channels and group chats the text starts with "<at>Kümmerer</at>"; the mention is not part of the question.
    const typed = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').replace(/&nbsp;|\u00a0/g, ' ').trim();
    const text = typed || buttonText(value);
    const route = this.deps.router.message(text);
    turnInfo(context).log.debug({ route: route?.name ?? 'none' }, 'message routed');
    await route?.handle(context, text);
  }

  /** The bot was added to a personal chat, group chat or team: store the address, then let the features greet. */
  private async installed(context: TurnContext): Promise<void> {
    const address = addressOf(context.activity, this.deps.now(), true);
    const isNew = await recordInstallEvent(this.deps.conversations, { kind: 'installed', address });
    turnInfo(context).log.info({ scope: address.scope, isNew }, 'bot installed');
    for (const handler of this.deps.installed) await handler(context, { address, isNew });
  }

  /** The bot was removed: forget the conversation, so nothing is sent there any more. */
  private async uninstalled(context: TurnContext): Promise<void> {
    const address = addressOf(context.activity, this.deps.now(), true);
    await recordInstallEvent(this.deps.conversations, { kind: 'uninstalled', address });
    turnInfo(context).log.info({ scope: address.scope }, 'bot uninstalled');
  }
}

/**
 * The question of a card button that asks it (`Action.Submit` with `msteams: {type: 'imBack', value}`): Teams
 * posts the value as the user's message; a client that does not know `imBack` sends it as the submit's value.
 */
function buttonText(value: unknown): string {
  const msteams = (toCardData(value).msteams ?? {}) as Record<string, unknown>;
  const text = msteams.type === 'imBack' ? msteams.value : msteams.type === 'messageBack' ? msteams.text : undefined;
  return typeof text === 'string' ? text.slice(0, 500).trim() : '';
}

/** What is wrong with the value of an `adaptiveCard/action` invoke, if anything: it must be an `Action.Execute` with a verb. */
function cardActionProblem(value: unknown): string | undefined {
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObject(value)) return 'the value must be an object';
  const { action } = value;
  if (!isObject(action)) return 'the value must hold an action';
  if (action.type !== 'Action.Execute') return 'the action must be an Action.Execute';
  if (typeof action.verb !== 'string' || action.verb.trim() === '') return 'the action must have a verb';
  return undefined;
}

/** What a `messageReaction` activity says, in the form features compare with what they stored. */
function reactionsOf(activity: TurnContext['activity']): Reactions {
  const thread = (activity.conversation?.id ?? '').split(';messageid=')[1];
  const messageIds = [...new Set([activity.replyToId, thread].filter((id): id is string => typeof id === 'string' && id !== ''))];
  const types = (list: { type?: unknown }[] | undefined) => (list ?? []).map((r) => (typeof r.type === 'string' ? r.type : '')).filter(Boolean);
  return {
    messageIds,
    user: (activity.from?.aadObjectId ?? '').toLowerCase() || (activity.from?.id ?? ''),
    added: types(activity.reactionsAdded),
    removed: types(activity.reactionsRemoved),
  };
}

function toCardData(data: unknown): CardData {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as CardData) : {};
}

function includesBot(context: TurnContext, members: ChannelAccount[] | undefined): boolean {
  return (members ?? []).some((m) => m.id === context.activity.recipient?.id);
}

import { ActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ChannelAccount } from 'botbuilder';
import type { CardData } from '../../features/checkins/domain/answers';
import { cardActionRoute } from './card-actions';
import type { BotDependencies } from './dependencies';
import { handleInstalled, handleUninstalled } from '../../features/welcome/install';
import { MESSAGE_ROUTES } from './router';
import { turnInfo } from './turn';

/**
 * The Teams activity handler. It only works out what arrived — a message, an install, an uninstall — and
 * hands it to a handler; rules and storage live behind the handlers.
 */
export class KuemmererBot extends ActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      await this.routeMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await handleInstalled(context, deps);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await handleUninstalled(context, deps);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (includesBot(context, context.activity.membersAdded)) await handleInstalled(context, deps);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (includesBot(context, context.activity.membersRemoved)) await handleUninstalled(context, deps);
      await next();
    });
  }

  /**
   * `Action.Execute`: the card in the response replaces the one clicked (PLATFORM-NOTES, "Bot Framework
   * protocol"). An unknown verb is a 400 with Teams' error type.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const route = cardActionRoute(verb);
    turnInfo(context).log.debug({ verb, route: route?.verb ?? 'none' }, 'card action routed');
    if (!route) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: `unknown verb "${String(verb)}"` } };
    const result = await route.handle(context, toCardData(data), this.deps);
    if (typeof result === 'string') return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result as unknown as Record<string, unknown> };
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.content as Record<string, unknown> };
  }

  /**
   * `Action.Submit` from clients without Universal Actions: a message whose `value` holds the verb and the
   * inputs. Answered with the same card, put in place of the card clicked (its id is `replyToId`).
   */
  private async routeSubmit(context: TurnContext, value: CardData): Promise<boolean> {
    const route = cardActionRoute(value.verb);
    if (!route) return false;
    turnInfo(context).log.debug({ verb: route.verb }, 'card submit routed');
    const result = await route.handle(context, value, this.deps);
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
    const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').replace(/&nbsp;|\u00a0/g, ' ').trim();
    // The last route, `ask`, takes any text.
    const route = MESSAGE_ROUTES.find((r) => r.matches(text))!;
    turnInfo(context).log.debug({ route: route.name }, 'message routed');
    await route.handle(context, text, this.deps);
  }
}

function toCardData(data: unknown): CardData {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as CardData) : {};
}

function includesBot(context: TurnContext, members: ChannelAccount[] | undefined): boolean {
  return (members ?? []).some((m) => m.id === context.activity.recipient?.id);
}

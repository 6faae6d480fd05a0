import { ActivityHandler, TurnContext, type ChannelAccount } from 'botbuilder';
import type { BotDependencies } from './dependencies';
import { handleInstalled, handleUninstalled } from './handlers/install';
import { MESSAGE_ROUTES, notUnderstood } from './routes';
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

  private async routeMessage(context: TurnContext): Promise<void> {
    // In channels and group chats the text starts with "<at>Kümmerer</at>"; the mention is not part of the question.
    const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').replace(/&nbsp;|\u00a0/g, ' ').trim();
    const route = MESSAGE_ROUTES.find((r) => r.matches(text));
    turnInfo(context).log.debug({ route: route?.name ?? 'none' }, 'message routed');
    if (route) await route.handle(context, text, this.deps);
    else await notUnderstood(context);
  }
}

function includesBot(context: TurnContext, members: ChannelAccount[] | undefined): boolean {
  return (members ?? []).some((m) => m.id === context.activity.recipient?.id);
}

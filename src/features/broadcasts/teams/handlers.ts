import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { DirectorySource } from '../../../platform/directory/directory-cache';
import { isCoordinator } from '../../../platform/directory/model';
import type { CardData } from '../../../platform/feature';
import type { CardRenderer } from '../../../platform/teams/cards';
import { cardOrText, turnInfo, viewOf } from '../../../platform/teams/turn';
import { personRef } from '../domain/report';
import type { AckAnswer, BroadcastAnswer, BroadcastService } from '../domain/service';
import './cards';
import { discardedModel, draftsModel, formModel, latestModel, messageModel, reportModel } from './views';

/** What the broadcasts' Teams part needs. */
export interface BroadcastTeamsDependencies {
  readonly broadcasts: BroadcastService;
  readonly cards: CardRenderer;
  readonly directory: DirectorySource;
  readonly timezone: string;
}

type Reply = Partial<Activity> | string;

/** A use case's answer as a message: a card, or a short text for a refusal. */
async function reply(answer: BroadcastAnswer, context: TurnContext, deps: BroadcastTeamsDependencies): Promise<Reply> {
  const view = viewOf(context, deps.timezone);
  const { t } = view;
  switch (answer.kind) {
    case 'notAllowed':
      return answer.coordinators.length > 0 ? t('broadcast.notAllowed', { names: answer.coordinators.join(', ') }) : t('broadcast.notAllowedNobody');
    case 'unknown':
      return t('broadcast.unknown');
    case 'notYours': {
      const author = personRef(answer.broadcast.authorEmail, await deps.directory.current());
      return t('broadcast.notYours', { title: answer.broadcast.content.title, author: author.name });
    }
    case 'form':
      return deps.cards.message('broadcast-form', formModel(answer.form, view));
    case 'preview': {
      const author = personRef(answer.broadcast.authorEmail, await deps.directory.current());
      return deps.cards.message('broadcast-message', messageModel(answer.broadcast, author, view, { preview: answer.reach, ...(answer.notice ? { notice: answer.notice } : {}) }));
    }
    case 'report':
      return deps.cards.message('broadcast-report', reportModel(answer.broadcast, answer.report, view, answer.notice));
    case 'discarded':
      return deps.cards.message('broadcast-list', discardedModel(answer.title, view));
  }
}

/**
 * The commands are written to the bot 1:1: a form or preview in a channel would show to everyone there, and
 * the author's progress card lives in their chat. In a channel, a coordinator is asked to write 1:1 (anyone
 * else gets the refusal that names who may broadcast).
 */
async function inPersonalChat(context: TurnContext, run: () => Promise<Reply>): Promise<void> {
  const { person, t } = turnInfo(context);
  if (context.activity.conversation?.conversationType !== 'personal' && isCoordinator(person)) {
    await context.sendActivity(t('broadcast.personalOnly'));
    return;
  }
  await context.sendActivity(await run());
}

/** `Rundschreiben` / `broadcast`: the form. */
export function openBroadcastForm(context: TurnContext, deps: BroadcastTeamsDependencies): Promise<void> {
  return inPersonalChat(context, async () => reply(await deps.broadcasts.openForm(turnInfo(context).person), context, deps));
}

/** `Rundschreiben an alle CDOs: …`: the preview of a new draft (or the form with what needs fixing). */
export function quickBroadcast(context: TurnContext, text: string, deps: BroadcastTeamsDependencies): Promise<void> {
  const { person, t, locale } = turnInfo(context);
  return inPersonalChat(context, async () => reply(await deps.broadcasts.quick(person, text, t('broadcast.quickTitle'), locale), context, deps));
}

/** `Entwürfe` / `drafts`. */
export function showDrafts(context: TurnContext, deps: BroadcastTeamsDependencies): Promise<void> {
  return inPersonalChat(context, async () => {
    const result = await deps.broadcasts.drafts(turnInfo(context).person);
    return result.kind === 'drafts' ? deps.cards.message('broadcast-list', draftsModel(result.drafts, viewOf(context, deps.timezone))) : reply(result, context, deps);
  });
}

/** `Rundschreiben Status` / `broadcast status`. */
export function showLatest(context: TurnContext, deps: BroadcastTeamsDependencies): Promise<void> {
  return inPersonalChat(context, async () => {
    const result = await deps.broadcasts.latest(turnInfo(context).person);
    return result.kind === 'latest' ? deps.cards.message('broadcast-list', latestModel(result.broadcasts, viewOf(context, deps.timezone))) : reply(result, context, deps);
  });
}

/** A card verb of the author's cards: the use case's answer replaces the card clicked. */
export async function onCard(
  context: TurnContext,
  data: CardData,
  deps: BroadcastTeamsDependencies,
  run: (service: BroadcastService, info: ReturnType<typeof turnInfo>) => Promise<BroadcastAnswer>,
): Promise<Attachment | string> {
  const info = turnInfo(context);
  const answer = await run(deps.broadcasts, info);
  if (answer.kind === 'notYours' || answer.kind === 'unknown') info.log.warn({ broadcastId: String(data.broadcastId ?? '').slice(0, 40) }, `broadcast card action refused: ${answer.kind}`);
  return cardOrText(await reply(answer, context, deps));
}

/** `broadcast.send`: the card clicked becomes the progress card. */
export function sendBroadcast(context: TurnContext, data: CardData, deps: BroadcastTeamsDependencies): Promise<Attachment | string> {
  const { replyToId, conversation } = context.activity;
  const card = replyToId && conversation?.id ? { activityId: replyToId, conversationId: conversation.id } : undefined;
  return onCard(context, data, deps, (service, { person, locale, log }) =>
    service.send(person, data, card, locale).then((answer) => {
      if (answer.kind === 'report' && !answer.notice) log.info({ broadcastId: answer.broadcast.id, state: answer.broadcast.state, recipients: answer.broadcast.recipientCount }, 'broadcast sent off');
      return answer;
    }),
  );
}

/** `broadcast.ack`: the recipient's copy with the confirmation in place of the button. */
export async function acknowledge(context: TurnContext, data: CardData, deps: BroadcastTeamsDependencies): Promise<Attachment | string> {
  const { person, t, log } = turnInfo(context);
  const answer: AckAnswer = await deps.broadcasts.ack(person, data);
  if (answer.kind === 'unknown') return t('broadcast.unknown');
  if (answer.kind === 'notRecipient') {
    log.warn({ broadcastId: answer.broadcast.id }, 'read confirmation from someone the broadcast did not go to refused');
    return t('broadcast.ackNotRecipient');
  }
  const author = personRef(answer.broadcast.authorEmail, await deps.directory.current());
  return deps.cards.card('broadcast-message', messageModel(answer.broadcast, author, viewOf(context, deps.timezone), { copy: { confirmedAt: answer.at } }));
}

import { deliveryId, type DeliveryOutcome } from '../../platform/delivery/outbox';
import { broadcastBatch } from './domain/model';
import type { RecipientOutcome } from './domain/report';
import type { OutcomeSource } from './domain/service';

/** Keys of a broadcast's deliveries that are not a recipient's message: the author's card and the reminders. */
export const CARD_KEY_PREFIX = 'card:';
export const REMINDER_KEY_PREFIX = 'reminder:';

/** True for the delivery of the message to a recipient (keyed by e-mail, or `channel`). */
export function isRecipientKey(key: string): boolean {
  return !key.startsWith(CARD_KEY_PREFIX) && !key.startsWith(REMINDER_KEY_PREFIX);
}

function outcomeOf(delivery: DeliveryOutcome): RecipientOutcome {
  return { key: delivery.key, status: delivery.status, errorCode: delivery.errorCode, ...(delivery.sentAt ? { sentAt: new Date(delivery.sentAt) } : {}) };
}

/**
 * The recipients' outcomes read from the outbox's deliveries: through the bot's outbox, or (on the command
 * line, which does not send) straight from the delivery table.
 */
export function outcomeSource(deliveries: { list(batch: string): Promise<readonly DeliveryOutcome[]>; get(id: string): Promise<DeliveryOutcome | undefined> }): OutcomeSource {
  return {
    all: async (broadcastId) => (await deliveries.list(broadcastBatch(broadcastId))).filter((d) => isRecipientKey(d.key)).map(outcomeOf),
    one: async (broadcastId, email) => {
      const delivery = await deliveries.get(deliveryId(broadcastBatch(broadcastId), email));
      return delivery && outcomeOf(delivery);
    },
  };
}

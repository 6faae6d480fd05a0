import type { Person } from '../directory';
import type { CheckinForm } from './answers';
import type { RoundDigest } from './digest';
import type { CheckinPrompt, HomeChannel, PromptDelivery } from './model';

/**
 * How check-ins reach people outside a turn. Phase B implements it on the delivery pipeline (outbox, rate
 * limits, retries) and renders the cards; the round use cases call it after storing what they send, so a
 * restart can resume from the prompts' delivery status.
 */
export interface CheckinNotifier {
  /** Sends a prompt's form to the person asked, 1:1; returns what to record on the prompt. */
  sendPrompt(prompt: CheckinPrompt, form: CheckinForm): Promise<PromptDelivery>;
  /** Sends the one reminder to a person who has not answered, updating or following up the prompt's card. */
  sendReminder(prompt: CheckinPrompt, form: CheckinForm): Promise<PromptDelivery>;
  /** Posts a closed round's digest to the home channel (when set) and to every coordinator 1:1. */
  postDigest(digest: RoundDigest, homeChannel: HomeChannel | undefined, coordinators: readonly Person[]): Promise<void>;
}

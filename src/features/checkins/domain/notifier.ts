import type { Person } from '../../../platform/directory/model';
import type { CheckinForm, SavedAnswer } from './answers';
import type { RoundDigest } from './digest';
import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import type { PersonRef } from './context';
import type { CheckinPrompt, CheckinRound, PromptDelivery } from './model';

/** A prompt with the form its card shows. */
export interface PromptToSend {
  readonly prompt: CheckinPrompt;
  readonly form: CheckinForm;
}

/**
 * How check-ins reach people outside a turn: implemented by the feature's Teams part on the outbox (`teams/
 * notifier.ts`), which renders the cards and leaves sending, rate limits and retries to the delivery
 * pipeline. Every message has an idempotency key (round, kind, project, person), so calling a method again
 * for the same thing — a restart, a second instance, a catch-up — sends nothing twice.
 */
export interface CheckinNotifier {
  /** Hands the prompts' cards to the outbox, 1:1 to each person asked; returns what to record on each prompt, in order. */
  sendPrompts(prompts: readonly PromptToSend[]): Promise<PromptDelivery[]>;
  /** The round's one reminder to each person, naming the projects they have not answered yet. */
  sendReminders(round: CheckinRound, reminders: readonly { readonly email: string; readonly prompts: readonly CheckinPrompt[] }[]): Promise<void>;
  /**
   * One extra reminder a coordinator asked for, to a person with prompts still open (`by`: the coordinator,
   * named in the message); at most one per person and round. True when it was queued now, false when one was
   * already.
   */
  sendNudge(round: CheckinRound, email: string, prompts: readonly CheckinPrompt[], by: PersonRef): Promise<boolean>;
  /** Posts a closed round's digest to the home channel (when set) and to every coordinator 1:1. */
  postDigest(digest: RoundDigest, homeChannel: HomeChannel | undefined, coordinators: readonly Person[]): Promise<void>;
  /**
   * A round answer was stored: the prompt's card shows it read-only in place of the form, unless the answer
   * came from that very card (`sourceActivityId`, whose invoke response replaced it already). Never throws:
   * the answer stands, a failure to replace the card is logged.
   */
  showAnswered(prompt: CheckinPrompt, saved: SavedAnswer, sourceActivityId: string | undefined): Promise<void>;
  /** The projects of a round whose card could not be delivered: Teams refused it, or the person cannot be reached. */
  undelivered(roundId: string): Promise<ReadonlySet<string>>;
}

import type { PersonRef } from './context';
import { isRoundOpen, LIGHT_SEVERITY, type CheckinPrompt, type CheckinRound, type StatusAnswer, type TrafficLight } from './model';

/** A project in a digest. */
export interface DigestProject {
  readonly projectId: string;
  readonly title: string;
}

/** The state of a round for the coordinators and the channel. */
export interface RoundDigest {
  readonly round: CheckinRound;
  /** True while it still takes answers. */
  readonly open: boolean;
  /** Prompts with somebody to ask. */
  readonly asked: number;
  /** Of those, how many have an answer in this round. */
  readonly answered: number;
  /** answered / asked, 0 when nobody was asked. */
  readonly responseRate: number;
  readonly red: readonly (DigestProject & { readonly owner: PersonRef | undefined })[];
  /** Green→yellow, yellow→red, green→red compared with the status before. */
  readonly worse: readonly (DigestProject & { readonly from: TrafficLight; readonly to: TrafficLight })[];
  readonly blockers: readonly (DigestProject & { readonly text: string; readonly owner: PersonRef | undefined })[];
  /** `undelivered`: the card never reached the person (Teams refused it, or there is no way to reach them). */
  readonly notAnswered: readonly (DigestProject & { readonly person: PersonRef; readonly undelivered: boolean })[];
  readonly nobodyToAsk: readonly DigestProject[];
}

/**
 * Builds the digest of a round from its prompts and the answers given in it; `undelivered` names the projects
 * whose card could not be delivered.
 */
export function buildDigest(
  round: CheckinRound,
  prompts: readonly CheckinPrompt[],
  answers: readonly StatusAnswer[],
  person: (email: string) => PersonRef,
  now: Date,
  undelivered: ReadonlySet<string> = new Set(),
): RoundDigest {
  const byProject = new Map(answers.map((a) => [a.projectId, a]));
  const asked = prompts.filter((p) => p.askedEmail !== '');
  const answered = asked.filter((p) => byProject.has(p.projectId));
  const project = (p: CheckinPrompt): DigestProject => ({ projectId: p.projectId, title: p.projectTitle });
  const owner = (p: CheckinPrompt) => (p.ownerEmail ? person(p.ownerEmail) : undefined);
  const withAnswer = prompts.flatMap((p) => {
    const answer = byProject.get(p.projectId);
    return answer ? [{ prompt: p, answer }] : [];
  });
  return {
    round,
    open: isRoundOpen(round, now),
    asked: asked.length,
    answered: answered.length,
    responseRate: asked.length === 0 ? 0 : answered.length / asked.length,
    red: withAnswer.filter(({ answer }) => answer.light === 'red').map(({ prompt }) => ({ ...project(prompt), owner: owner(prompt) })),
    worse: withAnswer.flatMap(({ prompt, answer }) =>
      answer.previousLight !== '' && LIGHT_SEVERITY[answer.light] > LIGHT_SEVERITY[answer.previousLight] ? [{ ...project(prompt), from: answer.previousLight, to: answer.light }] : [],
    ),
    blockers: withAnswer.filter(({ answer }) => answer.blockers.trim() !== '').map(({ prompt, answer }) => ({ ...project(prompt), text: answer.blockers, owner: owner(prompt) })),
    notAnswered: asked.filter((p) => !byProject.has(p.projectId)).map((p) => ({ ...project(p), person: person(p.askedEmail), undelivered: undelivered.has(p.projectId) })),
    nobodyToAsk: prompts.filter((p) => p.askedEmail === '').map(project),
  };
}

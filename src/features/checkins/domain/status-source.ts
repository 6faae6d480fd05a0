import type { LatestStatus, LatestStatusSource, Unanswered } from '../../ask';
import type { DirectorySource } from '../../../platform/directory/directory-cache';
import { awaitsAnswer, isRoundOpen, type StatusAnswer } from './model';
import type { CheckinRepositories } from './repositories';

/**
 * The check-ins as Ask reads them: the latest status of a project (project details), of every project ("which
 * projects are red?": a filtered scan for the `latest` rows) and who has not answered in the latest round
 * ("overdue": one partition read of its prompts, which know whether they are answered). Authors are named from
 * the instance's in-memory directory, as Ask names everybody else, without reading the people table.
 */
export class CheckinStatusSource implements LatestStatusSource {
  constructor(
    private readonly repos: Pick<CheckinRepositories, 'checkinAnswers' | 'checkinRounds'>,
    private readonly directory: DirectorySource,
    private readonly now: () => Date,
  ) {}

  async latestStatus(projectId: string): Promise<LatestStatus | undefined> {
    const latest = await this.repos.checkinAnswers.latest(projectId);
    if (!latest) return undefined;
    return toStatus(latest, (await this.directory.current()).person(latest.authorEmail)?.name);
  }

  async latestStatuses(): Promise<ReadonlyMap<string, LatestStatus>> {
    const [answers, index] = await Promise.all([this.repos.checkinAnswers.latestOfAll(), this.directory.current()]);
    return new Map(answers.map((a) => [a.projectId, toStatus(a, index.person(a.authorEmail)?.name)]));
  }

  async unanswered(): Promise<Unanswered | undefined> {
    const { round } = await this.repos.checkinRounds.current();
    if (!round) return undefined;
    const prompts = await this.repos.checkinRounds.prompts(round.id);
    return {
      roundStartedAt: round.startedAt,
      roundClosesAt: round.closesAt,
      open: isRoundOpen(round, this.now()),
      projectIds: prompts.filter(awaitsAnswer).map((p) => p.projectId),
      total: prompts.filter((p) => p.askedEmail !== '').length,
    };
  }
}

function toStatus(answer: StatusAnswer, authorName: string | undefined): LatestStatus {
  return {
    light: answer.light,
    phase: answer.phase,
    ...(answer.progress === undefined ? {} : { progress: answer.progress }),
    reportedAt: answer.at,
    author: authorName ?? answer.authorEmail,
    blockers: answer.blockers,
  };
}

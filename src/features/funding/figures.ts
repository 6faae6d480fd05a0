import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { FundingApplication, FundingFiguresSource, FundingStatus } from '../reports';
import type { Application, ApplicationChange, ApplicationStatus, FundingCall } from './domain/model';
import type { FundingRepositories } from './domain/repositories';

/** The report's status of an application: interest and preparing are both still planned. */
const REPORT_STATUS: Readonly<Record<ApplicationStatus, FundingStatus>> = {
  interest: 'planned',
  preparing: 'planned',
  submitted: 'submitted',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

/** How many changes of an application are read for its dates: far more than one goes through. */
const HISTORY = 50;

function figure(application: Application, calls: ReadonlyMap<string, FundingCall>, history: readonly ApplicationChange[], timezone: string): FundingApplication {
  const call = calls.get(application.callId);
  // The history is newest first: the last time it was handed in, and the decision that followed.
  const day = (to: readonly ApplicationStatus[]) => {
    const change = history.find((c) => to.includes(c.to) && c.from !== c.to);
    return change ? { date: format(new TZDate(change.at, timezone), 'yyyy-MM-dd') } : undefined;
  };
  const submitted = day(['submitted']);
  const decided = application.status === 'approved' || application.status === 'rejected' ? day([application.status]) : undefined;
  return {
    programme: call ? call.programme || call.title : application.callId,
    funder: call?.funder ?? '',
    status: REPORT_STATUS[application.status],
    requested: application.appliedAmount ?? 0,
    ...(application.status === 'approved' && application.approvedAmount !== undefined ? { approved: application.approvedAmount } : {}),
    ...(submitted ? { submittedOn: submitted.date } : {}),
    ...(decided ? { decidedOn: decided.date } : {}),
  };
}

/**
 * The funding radar's applications as the strategy report and the fact sheet show them, with the days they were
 * handed in and decided from their history (a group has tens of applications: one history read each).
 */
export class FundingFigures implements FundingFiguresSource {
  constructor(
    private readonly repos: FundingRepositories,
    private readonly timezone: string,
  ) {}

  private figures(applications: readonly Application[], calls: ReadonlyMap<string, FundingCall>): Promise<FundingApplication[]> {
    return Promise.all(
      applications.map(async (a) => figure(a, calls, await this.repos.applications.history(a.projectId, a.callId, HISTORY), this.timezone)),
    );
  }

  private async calls(): Promise<Map<string, FundingCall>> {
    return new Map((await this.repos.fundingCalls.list()).map((call) => [call.id, call]));
  }

  async applicationsByProject(): Promise<ReadonlyMap<string, readonly FundingApplication[]>> {
    const [applications, calls] = await Promise.all([this.repos.applications.list(), this.calls()]);
    const figures = await this.figures(applications, calls);
    const byProject = new Map<string, FundingApplication[]>();
    applications.forEach((application, i) => byProject.set(application.projectId, [...(byProject.get(application.projectId) ?? []), figures[i]!]));
    return byProject;
  }

  async applicationsOf(projectId: string): Promise<readonly FundingApplication[]> {
    const [applications, calls] = await Promise.all([this.repos.applications.forProject(projectId), this.calls()]);
    return this.figures(applications, calls);
  }
}

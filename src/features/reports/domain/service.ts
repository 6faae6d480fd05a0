import type { Locale } from '../../../platform/config';
import { isCoordinator, type Person, type Project } from '../../../platform/directory/model';
import type { LatestStatus, LatestStatusSource, ProjectCandidate, ProjectLookup } from '../../ask';
import type { CheckinHistory } from '../../checkins';
import { buildReport } from './build';
import { newLink, openLink, type ReportLink, type ReportLinkRepository } from './links';
import { fundingTotals, type DirectoryData, type FundingApplication, type FundingFiguresSource, type FundingTotals, type PersonName, type StrategyReport } from './model';
import { defaultSince } from './period';
import { publicProjects, publisherOf, type PublicProject, type Publisher } from './public-list';

/** Where a report's data comes from; each is read once per report. */
export interface ReportSources {
  directory(): Promise<DirectoryData>;
  history(since: Date): Promise<CheckinHistory>;
  /** Every provider's applications merged by project; undefined when no feature offers funding figures or there is no application. */
  funding(): Promise<ReadonlyMap<string, readonly FundingApplication[]> | undefined>;
}

/** What the report's use cases need. */
export interface ReportContext {
  readonly sources: ReportSources;
  readonly links: ReportLinkRepository;
  readonly now: () => Date;
  readonly timezone: string;
  /** Days a download link works. */
  readonly linkDays: number;
}

/** A report made for a coordinator in Teams, with the link to download it. */
export interface RequestedReport {
  readonly report: StrategyReport;
  readonly link: ReportLink;
  /** The link's secret (only its hash is stored). */
  readonly key: string;
}

export type RequestResult = { readonly kind: 'created'; readonly value: RequestedReport } | { readonly kind: 'notAllowed' };

/** A project's fact sheet as the card shows it. */
export interface FactSheet {
  readonly project: Project;
  readonly owner?: PersonName;
  readonly deputy?: PersonName;
  readonly latest?: LatestStatus;
  /** Undefined when no feature offers funding figures. */
  readonly funding?: FundingTotals;
}

export type FactSheetResult =
  | { readonly kind: 'found'; readonly sheet: FactSheet }
  | { readonly kind: 'ambiguous'; readonly query: string; readonly candidates: readonly ProjectCandidate[] }
  | { readonly kind: 'unknown'; readonly query: string; readonly suggestions: readonly ProjectCandidate[] };

/** Builds the strategy report over the period from `since` to `asOf`, reading each source once. */
export async function makeReport(ctx: Pick<ReportContext, 'sources'>, since: Date, asOf: Date): Promise<{ report: StrategyReport; directory: DirectoryData }> {
  const [directory, history, funding] = await Promise.all([ctx.sources.directory(), ctx.sources.history(since), ctx.sources.funding()]);
  return { report: buildReport({ directory, history, funding, since, asOf }), directory };
}

/**
 * `Bericht` / `report`: a coordinator's report over the period from `since` (default: a year back) until now, with
 * a download link that works for {@link ReportContext.linkDays} days. Anyone else is refused.
 */
export async function requestReport(ctx: ReportContext, actor: Person | undefined, locale: Locale, since?: Date): Promise<RequestResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const now = ctx.now();
  const from = since ?? defaultSince(now, ctx.timezone);
  const { report } = await makeReport(ctx, from, now);
  const { link, key } = newLink({ since: from, asOf: now, expiresAt: new Date(now.getTime() + ctx.linkDays * 86_400_000), locale, createdBy: actor.email });
  await ctx.links.save(link);
  return { kind: 'created', value: { report, link, key } };
}

/** The link that `key` opens now; undefined for an unknown id, a wrong key or an expired link. */
export function openDownload(ctx: ReportContext, id: string, key: string): Promise<ReportLink | undefined> {
  return openLink(ctx.links, id, key, ctx.now());
}

/** A link's report, built again as it was made: its period, with the status updates up to its time. */
export async function reportOfLink(ctx: Pick<ReportContext, 'sources'>, link: ReportLink): Promise<StrategyReport> {
  return (await makeReport(ctx, link.since, link.asOf)).report;
}

/** The public project list as of now, and who publishes it. */
export async function publicList(ctx: Pick<ReportContext, 'sources' | 'now'>): Promise<{ projects: PublicProject[]; publisher: Publisher | undefined; asOf: Date }> {
  const asOf = ctx.now();
  // The phase the list gives is the report's: the latest status counts; no round is needed.
  const { report, directory } = await makeReport(ctx, asOf, asOf);
  return { projects: publicProjects(report, directory), publisher: publisherOf(directory), asOf };
}

/**
 * `Steckbrief E-Akte` / `fact sheet E-Akte`: a project's fact sheet with its latest status (from the check-ins) and
 * its funding (where a feature offers figures), for everyone.
 */
export async function factSheet(
  deps: { lookup: ProjectLookup; people: (email: string) => Person | undefined; status: LatestStatusSource | undefined; funding: readonly FundingFiguresSource[] },
  query: string | { id: string; project: Project | undefined },
): Promise<FactSheetResult> {
  let project: Project | undefined;
  if (typeof query === 'string') {
    const match = await deps.lookup.find(query);
    if (match.kind === 'ambiguous') return { kind: 'ambiguous', query, candidates: match.candidates };
    if (match.kind === 'unknown') return { kind: 'unknown', query, suggestions: match.suggestions };
    project = match.project;
  } else {
    project = query.project;
    if (!project) return { kind: 'unknown', query: query.id, suggestions: [] };
  }
  const named = (email: string): PersonName | undefined => (email ? { email, name: deps.people(email)?.name ?? email } : undefined);
  const [latest, applications] = await Promise.all([deps.status?.latestStatus(project.id), Promise.all(deps.funding.map((f) => f.applicationsOf(project.id)))]);
  const owner = named(project.owner);
  const deputy = named(project.deputy);
  return {
    kind: 'found',
    sheet: {
      project,
      ...(owner ? { owner } : {}),
      ...(deputy ? { deputy } : {}),
      ...(latest ? { latest } : {}),
      ...(applications.flat().length > 0 ? { funding: fundingTotals(applications.flat()) } : {}),
    },
  };
}

/** Removes the download links that expired; returns how many. */
export async function purgeLinks(ctx: Pick<ReportContext, 'links' | 'now'>): Promise<number> {
  return ctx.links.deleteExpired(ctx.now());
}

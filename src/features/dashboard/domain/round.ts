import type { Directory } from '../../../platform/directory/directory-cache';
import type { Translate } from '../../../platform/i18n';
import type { Unanswered } from '../../ask';
import type { ApiDuePanel, ApiRound } from '../api';

type OpenRound = NonNullable<ApiRound['round']>;

/**
 * Who has not answered in the open round, per person: the owner and the deputy of every unanswered project (both
 * are asked), each with the titles of their projects, by name. Projects without either are not anyone's to chase.
 */
export function unansweredByPerson(projectIds: readonly string[], directory: Directory): OpenRound['unanswered'] {
  const people = new Map<string, { name: string; email: string; projects: string[] }>();
  for (const id of projectIds) {
    const project = directory.project(id);
    if (!project) continue;
    for (const email of new Set([project.owner, project.deputy].filter(Boolean))) {
      const entry = people.get(email) ?? { name: directory.person(email)?.name ?? email, email, projects: [] };
      entry.projects.push(project.title);
      people.set(email, entry);
    }
  }
  return [...people.values()].map((p) => ({ ...p, projects: p.projects.sort((a, b) => a.localeCompare(b, 'de')) })).sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** The open round as the API shows it; null when there is none (never started, or closed). */
export function openRound(unanswered: Unanswered | undefined, directory: Directory): ApiRound['round'] {
  if (!unanswered?.open) return null;
  const total = unanswered.total ?? unanswered.projectIds.length;
  return {
    startedAt: unanswered.roundStartedAt.toISOString(),
    dueAt: unanswered.roundClosesAt.toISOString(),
    answered: total - unanswered.projectIds.length,
    total,
    unanswered: unansweredByPerson(unanswered.projectIds, directory),
  };
}

/** The coordinators' panel of the open round: one line per person who has not answered, with their projects. */
export function roundPanel(round: ApiRound['round'], t: Translate): ApiDuePanel {
  return {
    key: 'dashboard.round',
    title: round ? t('dashboard.round.title', { answered: round.answered, total: round.total }) : t('dashboard.round.titleNone'),
    empty: round ? t('dashboard.round.allAnswered') : t('dashboard.round.none'),
    items: (round?.unanswered ?? []).map((p) => ({ title: p.name, detail: p.projects.join(', '), ...(round?.dueAt ? { at: round.dueAt } : {}) })),
    coordinatorOnly: true,
  };
}

import type { Locale } from '../../platform/config';
import type { DirectorySource } from '../../platform/directory/directory-cache';
import { translator } from '../../platform/i18n';
import { HISTORY_LENGTH, type HistoryEntry, type ProjectHistorySource } from '../dashboard';
import type { CheckinRepositories } from './domain/repositories';
import { answerTexts } from './teams/views';

/**
 * The dashboard's fact-sheet history, read as `Verlauf` reads it: the project's latest answers from its history
 * partition, newest first; authors named from the directory in memory, the texts given labelled as on the card.
 */
export class CheckinHistorySource implements ProjectHistorySource {
  constructor(
    private readonly repos: Pick<CheckinRepositories, 'checkinAnswers'>,
    private readonly directory: DirectorySource,
  ) {}

  async history(projectId: string, locale: Locale): Promise<readonly HistoryEntry[]> {
    const [answers, directory] = await Promise.all([this.repos.checkinAnswers.history(projectId, HISTORY_LENGTH), this.directory.current()]);
    const t = translator(locale);
    return answers.map((answer) => ({
      at: answer.at,
      light: answer.light,
      phase: answer.phase,
      ...(answer.progress === undefined ? {} : { progress: answer.progress }),
      texts: [
        ...(answer.unchanged ? [{ label: t('checkin.history.unchanged'), value: t('checkin.summary.unchanged') }] : []),
        ...answerTexts(answer, t).map(({ label, text }) => ({ label, value: text })),
      ],
      author: directory.person(answer.authorEmail)?.name ?? answer.authorEmail,
    }));
  }
}

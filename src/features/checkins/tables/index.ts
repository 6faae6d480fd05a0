import type { TableStore } from '../../../platform/storage/table-store';
import type { CheckinRepositories } from '../domain/repositories';
import { TableAbsenceRepository } from './absences';
import { TableCheckinAnswerRepository } from './answers';
import { TableCheckinRoundRepository } from './rounds';
import { CHECKIN_TABLES } from './names';

export { CHECKIN_TABLES };

/** The check-in repositories on a store whose tables exist (see {@link CHECKIN_TABLES}). */
export function checkinRepositories(store: TableStore): CheckinRepositories {
  return {
    checkinRounds: new TableCheckinRoundRepository(store),
    checkinAnswers: new TableCheckinAnswerRepository(store),
    absences: new TableAbsenceRepository(store),
  };
}

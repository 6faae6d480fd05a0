import type { TableStore } from '../../../platform/storage/table-store';
import type { MeetingRepositories } from '../domain/repositories';
import { TableAgendaRepository } from './agenda';
import { TableMeetingRepository } from './meetings';
import { MEETING_TABLES } from './names';

export { MEETING_TABLES };

/** The meeting repositories on a store whose tables exist (see {@link MEETING_TABLES}). */
export function meetingRepositories(store: TableStore): MeetingRepositories {
  return { meetings: new TableMeetingRepository(store), agenda: new TableAgendaRepository(store) };
}

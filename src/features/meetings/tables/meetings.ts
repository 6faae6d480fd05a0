import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import type { Meeting, MeetingStatus, Recurrence, Series } from '../domain/model';
import type { MeetingRepository, SeriesChange, Versioned } from '../domain/repositories';
import { encodeKey, getEntity, listPartition, statusOf, type TableStore } from '../../../platform/storage/table-store';
import { MEETING_TABLES } from './names';

/**
 * Table `meetings`:
 * - PartitionKey = series id: RowKey `series` holds the series (a single meeting is a series of one), RowKey
 *   `m-{yyyyMMdd}` each of its meetings (the date of its slot, so the key stays when a meeting moves). A series
 *   is one partition, so creating or cancelling it with all its meetings is one transaction (at most 99 meetings
 *   and the series), and a change of a meeting and its series' SEQUENCE is atomic, guarded by ETags.
 * - PartitionKey `~feed`, RowKey `key`: the secret of the group's calendar feed (`~` sorts after every series id).
 * "Meetings ahead" is a query over the whole table filtered on the RowKey prefix and the end time: a working
 * group has tens of meetings a year, and one query is cheaper than keeping an index in step.
 */
const SERIES_ROW = 'series';
const MEETING_PREFIX = 'm-';
const FEED = '~feed';
const FEED_ROW = 'key';
const MEETING_ROWS = `RowKey ge '${MEETING_PREFIX}' and RowKey lt 'm.'`;

interface SeriesEntity {
  title: string;
  place: string;
  link: string;
  recurrence: string;
  firstDate: string;
  startTime: string;
  minutes: number;
  until: string;
  status: string;
  sequence: number;
  calendarKey: string;
  announced: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

interface MeetingEntity {
  title: string;
  place: string;
  link: string;
  startAt: string;
  endAt: string;
  slotAt: string;
  status: string;
  agendaFingerprint: string;
  agendaVersion: number;
  updatedAt: string;
}

export class TableMeetingRepository implements MeetingRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(MEETING_TABLES.meetings);
  }

  async create(series: Series, meetings: readonly Meeting[]): Promise<void> {
    const partitionKey = encodeKey(series.id);
    await this.table.submitTransaction([
      ['create', { partitionKey, rowKey: SERIES_ROW, ...fromSeries(series) }],
      ...meetings.map((m): TransactionAction => ['create', { partitionKey, rowKey: meetingRow(m.id), ...fromMeeting(m) }]),
    ]);
  }

  async series(id: string): Promise<Versioned<Series> | undefined> {
    const entity = await getEntity<SeriesEntity>(this.table, encodeKey(id), SERIES_ROW);
    return entity && { value: toSeries(id, entity), etag: entity.etag };
  }

  async meeting(id: string): Promise<Versioned<Meeting> | undefined> {
    const seriesId = seriesOf(id);
    if (!seriesId) return undefined;
    const entity = await getEntity<MeetingEntity>(this.table, encodeKey(seriesId), meetingRow(id));
    return entity && { value: toMeeting(seriesId, entity), etag: entity.etag };
  }

  async meetingsOf(seriesId: string): Promise<Versioned<Meeting>[]> {
    const rows = await listPartition<MeetingEntity>(this.table, encodeKey(seriesId));
    return rows
      .filter((r) => r.rowKey!.startsWith(MEETING_PREFIX))
      .map((r) => ({ value: toMeeting(seriesId, r), etag: r.etag }))
      .sort((a, b) => a.value.startAt.getTime() - b.value.startAt.getTime());
  }

  async endingAfter(after: Date): Promise<Meeting[]> {
    return this.query(`${MEETING_ROWS} and endAt gt '${after.toISOString()}'`);
  }

  async everything(): Promise<{ series: Series[]; meetings: Meeting[] }> {
    const series: Series[] = [];
    const meetings: Meeting[] = [];
    for await (const entity of this.table.listEntities<SeriesEntity & MeetingEntity>({ queryOptions: { filter: `PartitionKey ne '${FEED}'` } })) {
      const seriesId = entity.partitionKey!;
      if (entity.rowKey === SERIES_ROW) series.push(toSeries(seriesId, entity));
      else if (entity.rowKey!.startsWith(MEETING_PREFIX)) meetings.push(toMeeting(seriesId, entity));
    }
    return { series, meetings: meetings.sort(byStart) };
  }

  private async query(filter: string): Promise<Meeting[]> {
    const result: Meeting[] = [];
    for await (const entity of this.table.listEntities<MeetingEntity>({ queryOptions: { filter } })) result.push(toMeeting(entity.partitionKey!, entity));
    return result.sort(byStart);
  }

  async save(change: SeriesChange): Promise<'saved' | 'conflict'> {
    const seriesId = change.series?.value.id ?? change.meetings?.[0]?.value.seriesId;
    if (seriesId === undefined) return 'saved';
    const partitionKey = encodeKey(seriesId);
    const actions: TransactionAction[] = [];
    if (change.series) actions.push(['update', { partitionKey, rowKey: SERIES_ROW, ...fromSeries(change.series.value) }, 'Replace', { etag: change.series.etag }]);
    for (const m of change.meetings ?? []) {
      if (m.value.seriesId !== seriesId) throw new Error(`meeting ${m.value.id} is not of series ${seriesId}`);
      actions.push(['update', { partitionKey, rowKey: meetingRow(m.value.id), ...fromMeeting(m.value) }, 'Replace', { etag: m.etag }]);
    }
    try {
      await this.table.submitTransaction(actions);
      return 'saved';
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return 'conflict';
      throw error;
    }
  }

  async feedKey(): Promise<string | undefined> {
    return (await getEntity<{ key: string }>(this.table, FEED, FEED_ROW))?.key;
  }

  async setFeedKey(key: string, replace: boolean): Promise<string> {
    const entity = { partitionKey: FEED, rowKey: FEED_ROW, key };
    if (replace) {
      await this.table.upsertEntity(entity, 'Replace');
      return key;
    }
    try {
      await this.table.createEntity(entity);
      return key;
    } catch (error) {
      // Another instance made one first: that one is the key.
      if (statusOf(error) !== 409) throw error;
      return (await this.feedKey()) ?? key;
    }
  }
}

/** The series of a meeting id (`{series id}-{yyyyMMdd}`), or undefined when the id is not a meeting's. */
function seriesOf(meetingId: string): string | undefined {
  const match = /^(.+)-(\d{8})$/.exec(meetingId);
  return match?.[1];
}

function meetingRow(meetingId: string): string {
  return `${MEETING_PREFIX}${meetingId.slice(-8)}`;
}

function byStart(a: Meeting, b: Meeting): number {
  return a.startAt.getTime() - b.startAt.getTime() || a.id.localeCompare(b.id);
}

function fromSeries(series: Series): SeriesEntity {
  return {
    title: series.title,
    place: series.place,
    link: series.link,
    recurrence: series.recurrence,
    firstDate: series.firstDate,
    startTime: series.startTime,
    minutes: series.minutes,
    until: series.until,
    status: series.status,
    sequence: series.sequence,
    calendarKey: series.calendarKey,
    announced: series.announced,
    createdBy: series.createdBy,
    createdAt: series.createdAt.toISOString(),
    updatedAt: series.updatedAt.toISOString(),
  };
}

function toSeries(id: string, entity: SeriesEntity): Series {
  return {
    id,
    title: entity.title,
    place: entity.place ?? '',
    link: entity.link ?? '',
    recurrence: entity.recurrence as Recurrence,
    firstDate: entity.firstDate,
    startTime: entity.startTime,
    minutes: entity.minutes,
    until: entity.until ?? '',
    status: entity.status as MeetingStatus,
    sequence: entity.sequence ?? 0,
    calendarKey: entity.calendarKey,
    announced: entity.announced === true,
    createdBy: entity.createdBy ?? '',
    createdAt: new Date(entity.createdAt),
    updatedAt: new Date(entity.updatedAt),
  };
}

function fromMeeting(meeting: Meeting): MeetingEntity {
  return {
    title: meeting.title,
    place: meeting.place,
    link: meeting.link,
    startAt: meeting.startAt.toISOString(),
    endAt: meeting.endAt.toISOString(),
    slotAt: meeting.slotAt.toISOString(),
    status: meeting.status,
    agendaFingerprint: meeting.agendaFingerprint,
    agendaVersion: meeting.agendaVersion,
    updatedAt: meeting.updatedAt.toISOString(),
  };
}

function toMeeting(seriesId: string, entity: TableEntityResult<MeetingEntity>): Meeting {
  return {
    id: `${seriesId}-${(entity.rowKey ?? '').slice(MEETING_PREFIX.length)}`,
    seriesId,
    title: entity.title,
    place: entity.place ?? '',
    link: entity.link ?? '',
    startAt: new Date(entity.startAt),
    endAt: new Date(entity.endAt),
    slotAt: new Date(entity.slotAt),
    status: entity.status as MeetingStatus,
    agendaFingerprint: entity.agendaFingerprint ?? '',
    agendaVersion: entity.agendaVersion ?? 0,
    updatedAt: new Date(entity.updatedAt),
  };
}


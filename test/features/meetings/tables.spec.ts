import assert from 'node:assert/strict';
import type { AgendaItem, Meeting, Series } from '../../../src/features/meetings/domain/model';
import { meetingRepositories } from '../../../src/features/meetings/tables';
import { freshStore } from '../../support/fresh-store';

const AT = new Date('2026-08-10T08:00:00.000Z');
const SERIES: Series = {
  id: 'a1b2c3d4e5f6',
  title: 'Sitzung der AG Digitalisierung',
  place: 'Kreishaus',
  link: '',
  recurrence: 'weekly',
  firstDate: '2026-08-18',
  startTime: '14:00',
  minutes: 120,
  until: '2026-08-25',
  status: 'scheduled',
  sequence: 0,
  calendarKey: 'k'.repeat(43),
  announced: false,
  createdBy: 'm.becker@kreis-coesfeld.example',
  createdAt: AT,
  updatedAt: AT,
};
const meeting = (date: string, startAt: string): Meeting => ({
  id: `${SERIES.id}-${date}`,
  seriesId: SERIES.id,
  title: SERIES.title,
  place: SERIES.place,
  link: '',
  startAt: new Date(startAt),
  endAt: new Date(Date.parse(startAt) + 7_200_000),
  slotAt: new Date(startAt),
  status: 'scheduled',
  agendaFingerprint: '',
  agendaVersion: 0,
  updatedAt: AT,
});
const FIRST = meeting('20260818', '2026-08-18T12:00:00.000Z');
const SECOND = meeting('20260825', '2026-08-25T12:00:00.000Z');

describe('meeting tables on Table Storage', () => {
  it('stores a series with its meetings and reads them back by id, by series and by end', async () => {
    const { meetings } = meetingRepositories(await freshStore());
    await meetings.create(SERIES, [FIRST, SECOND]);
    assert.deepEqual((await meetings.series(SERIES.id))?.value, SERIES);
    assert.deepEqual((await meetings.meeting(SECOND.id))?.value, SECOND);
    assert.deepEqual((await meetings.meetingsOf(SERIES.id)).map((m) => m.value.id), [FIRST.id, SECOND.id]);
    assert.deepEqual((await meetings.endingAfter(new Date('2026-08-18T14:00:00.000Z'))).map((m) => m.id), [SECOND.id]);
    assert.equal(await meetings.meeting('not-a-meeting'), undefined);
  });

  it('refuses a change made on what another writer changed meanwhile, and stores none of it', async () => {
    const { meetings } = meetingRepositories(await freshStore());
    await meetings.create(SERIES, [FIRST, SECOND]);
    const series = (await meetings.series(SERIES.id))!;
    const first = (await meetings.meeting(FIRST.id))!;
    assert.equal(await meetings.save({ series: { ...series, value: { ...series.value, sequence: 1 } } }), 'saved');
    const outcome = await meetings.save({ series: { ...series, value: { ...series.value, sequence: 2 } }, meetings: [{ ...first, value: { ...first.value, status: 'cancelled' } }] });
    assert.equal(outcome, 'conflict');
    assert.equal((await meetings.series(SERIES.id))!.value.sequence, 1);
    assert.equal((await meetings.meeting(FIRST.id))!.value.status, 'scheduled');
  });

  it('keeps the first feed key made, unless it is replaced', async () => {
    const { meetings } = meetingRepositories(await freshStore());
    assert.equal(await meetings.feedKey(), undefined);
    assert.equal(await meetings.setFeedKey('first', false), 'first');
    assert.equal(await meetings.setFeedKey('second', false), 'first');
    assert.equal(await meetings.setFeedKey('third', true), 'third');
    assert.equal(await meetings.feedKey(), 'third');
    assert.deepEqual(await meetings.everything(), { series: [], meetings: [] });
  });

  it('creates an agenda item once and refuses stale changes of it', async () => {
    const { agenda } = meetingRepositories(await freshStore());
    const item: AgendaItem = { id: '1786000000000-abcdef', meetingId: FIRST.id, title: 'Bericht', description: '', minutes: 15, projectId: '', proposerEmail: 'p.huesing@duelmen.example', proposedAt: AT, status: 'proposed', position: 0, carriedFrom: '' };
    assert.equal(await agenda.create(item), true);
    assert.equal(await agenda.create({ ...item, title: 'anders' }), false);
    const stored = (await agenda.item(FIRST.id, item.id))!;
    assert.deepEqual(stored.value, item);
    assert.equal(await agenda.save([{ ...stored, value: { ...item, status: 'accepted', position: 1 } }]), 'saved');
    assert.equal(await agenda.save([{ ...stored, value: { ...item, status: 'rejected' } }]), 'conflict');
    assert.deepEqual((await agenda.items(FIRST.id)).map((i) => [i.value.status, i.value.position]), [['accepted', 1]]);
  });
});

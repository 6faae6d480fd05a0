import assert from 'node:assert/strict';
import type { CheckinPrompt, CheckinRound, StatusAnswer } from '../../../src/features/checkins/domain/model';
import { answerSlot } from '../../../src/features/checkins/domain/model';
import { TableAbsenceRepository } from '../../../src/features/checkins/tables/absences';
import { TableCheckinAnswerRepository } from '../../../src/features/checkins/tables/answers';
import { TableCheckinRoundRepository } from '../../../src/features/checkins/tables/rounds';
import { TableGroupSettingsRepository } from '../../../src/platform/storage/group-settings-repository';
import { freshStore } from '../../support/fresh-store';

const round = (id: string, extra: Partial<CheckinRound> = {}): CheckinRound => ({
  id,
  startedAt: new Date('2026-11-30T08:00:00.000Z'),
  startedBy: { kind: 'person', email: 'm.becker@kreis-coesfeld.example' },
  reminderDueAt: new Date('2026-12-02T08:00:00.000Z'),
  closesAt: new Date('2026-12-07T08:00:00.000Z'),
  state: 'open',
  ...extra,
});

const prompt = (roundId: string, projectId: string, extra: Partial<CheckinPrompt> = {}): CheckinPrompt => ({
  roundId,
  projectId,
  projectTitle: `Projekt ${projectId}`,
  ownerEmail: 'anna.schulte@duelmen.example',
  askedEmail: 'anna.schulte@duelmen.example',
  reason: 'owner',
  delivery: { status: 'pending', deliveryId: '' },
  ...extra,
});

const answer = (id: string, at: string, extra: Partial<StatusAnswer> = {}): StatusAnswer => ({
  id,
  projectId: 'e-akte',
  roundId: '',
  token: `token-${id}`,
  authorEmail: 'anna.schulte@duelmen.example',
  at: new Date(at),
  phase: 'implementation',
  light: 'green',
  happened: 'Pilot im Hauptamt gestartet',
  next: '',
  blockers: '',
  funding: '',
  previousLight: '',
  unchanged: false,
  ...extra,
});

describe('check-in repositories on Azurite', () => {
  describe('rounds', () => {
    it('stores a round with its prompts and makes it the current one', async () => {
      const repo = new TableCheckinRoundRepository(await freshStore());
      assert.deepEqual(await repo.current(), { round: undefined, version: undefined });
      const prompts = [prompt('r1', 'e-akte'), prompt('r1', 'open-data', { askedEmail: '', reason: 'nobody', ownerEmail: '' })];
      assert.equal(await repo.create(round('r1'), prompts, undefined), 'created');
      const current = await repo.current();
      assert.deepEqual(current.round, round('r1'));
      assert.ok(current.version);
      assert.deepEqual(
        (await repo.prompts('r1')).sort((a, b) => a.projectId.localeCompare(b.projectId)),
        prompts,
      );
      assert.deepEqual(await repo.prompt('r1', 'open-data'), prompts[1]);
      assert.equal(await repo.prompt('r1', 'isms'), undefined);
    });

    it('refuses a second start that read the pointer before the first one moved it, and leaves nothing of it', async () => {
      const repo = new TableCheckinRoundRepository(await freshStore());
      const before = await repo.current();
      assert.equal(await repo.create(round('r1'), [prompt('r1', 'e-akte')], before.version), 'created');
      assert.equal(await repo.create(round('r2'), [prompt('r2', 'e-akte')], before.version), 'conflict');
      assert.equal((await repo.current()).round?.id, 'r1');
      assert.equal(await repo.get('r2'), undefined);
      assert.deepEqual(await repo.prompts('r2'), []);
    });

    it('moves the pointer to a new round when given the current version', async () => {
      const repo = new TableCheckinRoundRepository(await freshStore());
      await repo.create(round('r1'), [prompt('r1', 'e-akte')], undefined);
      const { version } = await repo.current();
      assert.equal(await repo.create(round('r2'), [prompt('r2', 'e-akte')], version), 'created');
      assert.equal((await repo.current()).round?.id, 'r2');
      assert.equal(await repo.create(round('r3'), [prompt('r3', 'e-akte')], version), 'conflict');
    });

    it('stores more prompts than one transaction holds', async () => {
      const repo = new TableCheckinRoundRepository(await freshStore());
      const prompts = Array.from({ length: 150 }, (_, i) => prompt('big', `p-${i}`));
      await repo.create(round('big'), prompts, undefined);
      assert.equal((await repo.prompts('big')).length, 150);
    });

    it('records the delivery and the answer of a prompt, each without undoing the other, and closes a round', async () => {
      const repo = new TableCheckinRoundRepository(await freshStore());
      await repo.create(round('r1'), [prompt('r1', 'e-akte')], undefined);
      const delivery = { status: 'sent', deliveryId: 'checkin-r1|prompt:e-akte', remindedAt: new Date('2026-12-02T08:00:00.000Z') } as const;
      await repo.updatePrompt('r1', 'e-akte', { answeredAt: new Date('2026-12-01T10:00:00.000Z') });
      await repo.updatePrompt('r1', 'e-akte', { delivery });
      assert.deepEqual(await repo.prompt('r1', 'e-akte'), prompt('r1', 'e-akte', { delivery, answeredAt: new Date('2026-12-01T10:00:00.000Z') }));
      await repo.close('r1', new Date('2026-12-07T08:00:00.000Z'));
      assert.deepEqual(await repo.get('r1'), round('r1', { state: 'closed', closedAt: new Date('2026-12-07T08:00:00.000Z') }));
    });

    it('lists the rounds started since a time with their prompts, oldest first, without the current pointer', async () => {
      const repo = new TableCheckinRoundRepository(await freshStore());
      const starts = ['2026-11-02T08:00:00.000Z', '2026-11-16T08:00:00.000Z', '2026-11-30T08:00:00.000Z'];
      let version: string | undefined;
      for (const [i, at] of starts.entries()) {
        const id = `${at.replace(/[-:]|\.\d+/g, '')}-r${i}`;
        await repo.create(round(id, { startedAt: new Date(at) }), [prompt(id, 'e-akte'), prompt(id, 'isms')], version);
        version = (await repo.current()).version;
      }
      const since = await repo.startedSince(new Date('2026-11-16T08:00:00.000Z'));
      assert.deepEqual(
        since.map(({ round: r, prompts }) => [r.id, r.startedAt.toISOString(), prompts.map((p) => p.projectId).sort()]),
        [
          ['20261116T080000Z-r1', '2026-11-16T08:00:00.000Z', ['e-akte', 'isms']],
          ['20261130T080000Z-r2', '2026-11-30T08:00:00.000Z', ['e-akte', 'isms']],
        ],
      );
      assert.deepEqual(since[0]!.prompts.find((p) => p.projectId === 'isms'), prompt('20261116T080000Z-r1', 'isms'));
      assert.deepEqual(await repo.startedSince(new Date('2026-12-01T00:00:00.000Z')), []);
    });
  });

  describe('answers', () => {
    it('keeps every answer of a project, newest first, and the latest with one read', async () => {
      const repo = new TableCheckinAnswerRepository(await freshStore());
      for (let day = 1; day <= 7; day++) {
        assert.equal(await repo.save(answer(`a${day}`, `2026-11-0${day}T10:00:00.000Z`, { progress: day * 10 }), undefined), 'saved');
      }
      assert.deepEqual((await repo.history('e-akte', 5)).map((a) => a.id), ['a7', 'a6', 'a5', 'a4', 'a3']);
      assert.deepEqual(await repo.latest('e-akte'), answer('a7', '2026-11-07T10:00:00.000Z', { progress: 70 }));
      assert.deepEqual(await repo.history('isms', 5), []);
      assert.equal(await repo.latest('isms'), undefined);
    });

    it('lists the latest status of every project', async () => {
      const repo = new TableCheckinAnswerRepository(await freshStore());
      await repo.save(answer('a1', '2026-11-01T10:00:00.000Z'), undefined);
      await repo.save(answer('a2', '2026-11-02T10:00:00.000Z', { light: 'red' }), undefined);
      await repo.save(answer('b1', '2026-11-01T11:00:00.000Z', { projectId: 'buerger-app', light: 'yellow' }), undefined);
      assert.deepEqual((await repo.latestOfAll()).map((a) => [a.projectId, a.light]), [['buerger-app', 'yellow'], ['e-akte', 'red']]);
    });

    it('lists every answer of every project, oldest first, without the latest copies and the slots', async () => {
      const repo = new TableCheckinAnswerRepository(await freshStore());
      await repo.save(answer('a2', '2026-11-02T10:00:00.000Z', { light: 'red' }), undefined);
      await repo.save(answer('b1', '2026-11-01T11:00:00.000Z', { projectId: 'buerger-app', light: 'yellow' }), undefined);
      await repo.save(answer('a1', '2026-11-01T10:00:00.000Z'), undefined);
      const edited = await repo.inSlot('e-akte', answerSlot('', 'token-a2'));
      await repo.save(answer('a3', '2026-11-03T10:00:00.000Z', { token: 'token-a2' }), edited);
      assert.deepEqual(
        (await repo.everyAnswer()).map((a) => [a.id, a.projectId, a.light]),
        [
          ['a1', 'e-akte', 'green'],
          ['b1', 'buerger-app', 'yellow'],
          ['a3', 'e-akte', 'green'],
        ],
      );
    });

    it('reads back an answer without progress and with every text', async () => {
      const repo = new TableCheckinAnswerRepository(await freshStore());
      const full = answer('a1', '2026-11-01T10:00:00.000Z', { roundId: 'r1', light: 'red', next: 'Schulung', blockers: 'Kein Scanner', funding: 'Antrag gestellt', previousLight: 'yellow', unchanged: true });
      await repo.save(full, undefined);
      assert.deepEqual((await repo.inSlot('e-akte', answerSlot('r1', '')))?.answer, full);
    });

    it('keeps 2,000 characters of umlauts in every text intact', async () => {
      const repo = new TableCheckinAnswerRepository(await freshStore());
      const long = 'Größenänderung über Flächen – ß€😀 '.repeat(60).slice(0, 2000);
      const full = answer('a1', '2026-11-01T10:00:00.000Z', { happened: long, next: long, blockers: long, funding: long });
      await repo.save(full, undefined);
      assert.deepEqual(await repo.latest('e-akte'), full);
    });

    it('replaces the answer of a slot: one history entry, the new content', async () => {
      const repo = new TableCheckinAnswerRepository(await freshStore());
      await repo.save(answer('a1', '2026-11-01T10:00:00.000Z', { roundId: 'r1' }), undefined);
      const slot = await repo.inSlot('e-akte', answerSlot('r1', ''));
      const edited = answer('a2', '2026-11-01T10:05:00.000Z', { roundId: 'r1', light: 'yellow' });
      assert.equal(await repo.save(edited, slot), 'saved');
      assert.deepEqual(await repo.history('e-akte', 5), [edited]);
      assert.deepEqual(await repo.latest('e-akte'), edited);
      assert.deepEqual(await repo.forRound('r1', ['e-akte', 'isms']), [edited]);
    });

    it('refuses a second first answer for the same slot and a replace with a stale version, storing nothing', async () => {
      const repo = new TableCheckinAnswerRepository(await freshStore());
      await repo.save(answer('a1', '2026-11-01T10:00:00.000Z', { roundId: 'r1' }), undefined);
      const stale = await repo.inSlot('e-akte', answerSlot('r1', ''));
      assert.equal(await repo.save(answer('a2', '2026-11-01T10:00:01.000Z', { roundId: 'r1' }), undefined), 'conflict');
      await repo.save(answer('a3', '2026-11-01T10:01:00.000Z', { roundId: 'r1' }), stale);
      assert.equal(await repo.save(answer('a4', '2026-11-01T10:02:00.000Z', { roundId: 'r1' }), stale), 'conflict');
      assert.deepEqual((await repo.history('e-akte', 5)).map((a) => a.id), ['a3']);
      assert.equal((await repo.latest('e-akte'))?.id, 'a3');
    });
  });

  describe('absences and settings', () => {
    it('sets, lists and clears an absence by e-mail regardless of case', async () => {
      const repo = new TableAbsenceRepository(await freshStore());
      await repo.set({ email: 'Anna.Schulte@duelmen.example', until: '2026-08-15', setAt: new Date('2026-08-01T10:00:00.000Z') });
      const stored = { email: 'anna.schulte@duelmen.example', until: '2026-08-15', setAt: new Date('2026-08-01T10:00:00.000Z') };
      assert.deepEqual(await repo.get('ANNA.schulte@duelmen.example'), stored);
      assert.deepEqual(await repo.list(), [stored]);
      assert.equal(await repo.clear('anna.schulte@duelmen.example'), true);
      assert.equal(await repo.clear('anna.schulte@duelmen.example'), false);
      assert.deepEqual(await repo.list(), []);
    });

    it('stores the home channel and replaces it', async () => {
      const repo = new TableGroupSettingsRepository(await freshStore());
      assert.equal(await repo.homeChannel(), undefined);
      const first = { conversationId: '19:general@thread.tacv2', teamId: '19:team@thread.tacv2', setBy: 'm.becker@kreis-coesfeld.example', setAt: new Date('2026-11-01T10:00:00.000Z') };
      await repo.setHomeChannel(first);
      await repo.setHomeChannel({ ...first, conversationId: '19:ag@thread.tacv2' });
      assert.deepEqual(await repo.homeChannel(), { ...first, conversationId: '19:ag@thread.tacv2' });
    });
  });
});

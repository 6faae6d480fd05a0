import assert from 'node:assert/strict';
import { visiblePanels } from '../../../../src/features/dashboard/domain/due';
import { openRound, roundPanel, unansweredByPerson } from '../../../../src/features/dashboard/domain/round';
import { Directory } from '../../../../src/platform/directory/directory-cache';
import type { Person, Project } from '../../../../src/platform/directory/model';
import { translator } from '../../../../src/platform/i18n';

const person = (email: string, name: string): Person => ({ email, name, roles: ['cdo'], municipality: '', aadObjectId: '' });
const project = (id: string, title: string, owner: string, deputy = ''): Project => ({ id, title, aliases: [], field: '', lead: 'Olfen', participants: [], owner, deputy, phase: 'planning', summary: '' });
const DIRECTORY = new Directory(
  [],
  [person('anna@x.example', 'Anna'), person('bert@x.example', 'Bert')],
  [project('p1', 'Zweites', 'anna@x.example', 'bert@x.example'), project('p2', 'Erstes', 'anna@x.example'), project('p3', 'Niemands', ''), project('p4', 'Fremd', 'gone@x.example')],
);

describe('dashboard round and due panels', () => {
  it('groups the unanswered projects by owner and deputy, each person\'s projects by title', () => {
    assert.deepEqual(unansweredByPerson(['p1', 'p2', 'p3', 'p4', 'unknown'], DIRECTORY), [
      { name: 'Anna', email: 'anna@x.example', projects: ['Erstes', 'Zweites'] },
      { name: 'Bert', email: 'bert@x.example', projects: ['Zweites'] },
      { name: 'gone@x.example', email: 'gone@x.example', projects: ['Fremd'] },
    ]);
  });

  it('has no open round before the first or after the close', () => {
    const base = { roundStartedAt: new Date('2026-11-30T08:00:00Z'), roundClosesAt: new Date('2026-12-07T16:00:00Z'), projectIds: ['p2'], total: 3 };
    assert.equal(openRound(undefined, DIRECTORY), null);
    assert.equal(openRound({ ...base, open: false }, DIRECTORY), null);
    assert.deepEqual(openRound({ ...base, open: true }, DIRECTORY), {
      startedAt: '2026-11-30T08:00:00.000Z',
      dueAt: '2026-12-07T16:00:00.000Z',
      answered: 2,
      total: 3,
      unanswered: [{ name: 'Anna', email: 'anna@x.example', projects: ['Erstes'] }],
    });
  });

  it('makes the round a coordinator-only panel, saying when none is open', () => {
    const t = translator('de');
    const none = roundPanel(null, t);
    assert.deepEqual([none.title, none.empty, none.items, none.coordinatorOnly], ['Check-in-Runde', 'Zurzeit ist keine Runde offen.', [], true]);
  });

  it('leaves coordinator-only panels out for everyone else', () => {
    const panels = [
      { key: 'a', title: 'A', empty: '', items: [], coordinatorOnly: false },
      { key: 'b', title: 'B', empty: '', items: [], coordinatorOnly: true },
    ];
    assert.deepEqual(visiblePanels(panels, false).map((p) => p.key), ['a']);
    assert.deepEqual(visiblePanels(panels, true).map((p) => p.key), ['a', 'b']);
  });
});

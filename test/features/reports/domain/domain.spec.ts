import assert from 'node:assert/strict';
import { newLink, openLink, type ReportLink, type ReportLinkRepository } from '../../../../src/features/reports/domain/links';
import { defaultSince, parseSince } from '../../../../src/features/reports/domain/period';
import { personalDataCleaner } from '../../../../src/features/reports/domain/public-list';
import { TableReportLinkRepository } from '../../../../src/features/reports/tables/links';
import type { Person } from '../../../../src/platform/directory/model';
import { freshStore } from '../../../support/fresh-store';

const NOW = new Date('2026-11-24T08:00:00.000Z');
const person = (name: string, email: string): Person => ({ name, email, roles: ['cdo'], municipality: '', aadObjectId: '' });

describe('report periods', () => {
  it('reads a start date written the ISO or the German way as the start of that day in Berlin', () => {
    for (const text of ['2026-06-01', '01.06.2026', '1.6.2026']) assert.equal(parseSince(text, NOW, 'Europe/Berlin')?.toISOString(), '2026-05-31T22:00:00.000Z', text);
    assert.equal(parseSince('15.01.2026', NOW, 'Europe/Berlin')?.toISOString(), '2026-01-14T23:00:00.000Z');
  });

  it('refuses what is no date, a day that does not exist and a date that is not before now', () => {
    for (const text of ['gestern', '2026-13-01', '30.02.2026', '2026-11-25', '']) assert.equal(parseSince(text, NOW, 'Europe/Berlin'), undefined, text);
  });

  it('goes back one year by default, to the start of that day', () => {
    assert.equal(defaultSince(NOW, 'Europe/Berlin').toISOString(), '2025-11-23T23:00:00.000Z');
  });
});

describe('the public list’s cleaning of free text', () => {
  const clean = personalDataCleaner(
    [person('Anna Schulte', 'anna.schulte@duelmen.example'), person('Ralf Senden', 'r.senden@example.org'), person('Jo Ng', 'jo@example.org')],
    ['Senden', 'Dülmen'],
  );

  it('takes out e-mail addresses and full names in any case, and surnames written as names', () => {
    assert.equal(clean('Fragen an anna SCHULTE oder an Frau Schulte: info@kreis.example.org, anna.schulte@duelmen.example'), 'Fragen an … oder an Frau …: …, …');
  });

  it('keeps a surname that is also a place, short surnames and words that merely contain a name', () => {
    assert.equal(clean('Senden und Dülmen starten; Schultes Idee; Ng-Projekt'), 'Senden und Dülmen starten; Schultes Idee; Ng-Projekt');
    assert.equal(clean('Ralf Senden leitet es'), '… leitet es');
  });
});

describe('report links', () => {
  const fields = { since: new Date('2025-11-24T00:00:00.000Z'), asOf: NOW, expiresAt: new Date('2026-12-01T08:00:00.000Z'), locale: 'de' as const, createdBy: 'm.becker@kreis-coesfeld.example' };

  it('stores a link with the hash of its key only, and reads it back', async () => {
    const links: ReportLinkRepository = new TableReportLinkRepository(await freshStore());
    const { link, key } = newLink(fields);
    await links.save(link);
    assert.match(link.id, /^[0-9a-f]{16}$/);
    assert.match(key, /^[\w-]{43}$/);
    assert.notEqual(link.keyHash, key);
    assert.deepEqual(await links.get(link.id), link);
    assert.deepEqual(await openLink(links, link.id, key, NOW), link);
  });

  it('opens nothing with a wrong, missing or overlong key, for a malformed id, or once it expired', async () => {
    const links = new TableReportLinkRepository(await freshStore());
    const { link, key } = newLink(fields);
    await links.save(link);
    const tries: [string, string, Date][] = [
      [link.id, '', NOW],
      [link.id, `${key}x`, NOW],
      [link.id, 'x'.repeat(200), NOW],
      [link.id.toUpperCase(), key, NOW],
      [link.id, key, link.expiresAt],
    ];
    for (const [id, k, at] of tries) assert.equal(await openLink(links, id, k, at), undefined, `${id} ${k.slice(0, 10)} ${at.toISOString()}`);
  });

  it('removes the expired links and keeps the others', async () => {
    const links = new TableReportLinkRepository(await freshStore());
    const old: ReportLink = newLink({ ...fields, expiresAt: new Date('2026-11-20T00:00:00.000Z') }).link;
    const current = newLink(fields).link;
    await links.save(old);
    await links.save(current);
    assert.equal(await links.deleteExpired(NOW), 1);
    assert.deepEqual([await links.get(old.id), (await links.get(current.id))?.id], [undefined, current.id]);
  });
});

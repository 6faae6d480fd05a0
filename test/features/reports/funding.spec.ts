import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { featureTables, parseConfig, storageOffers } from '../../../src/app';
import { projectLookup } from '../../../src/features/ask';
import { FUNDING_FIGURES } from '../../../src/features/reports';
import { reportCommand } from '../../../src/features/reports/cli';
import { factSheet } from '../../../src/features/reports/domain/service';
import { factSheetModel } from '../../../src/features/reports/teams/views';
import { reportSettings } from '../../../src/features/reports/settings';
import { DirectoryCache } from '../../../src/platform/directory/directory-cache';
import { Settings } from '../../../src/platform/config';
import type { CliContext } from '../../../src/platform/feature';
import { translator } from '../../../src/platform/i18n';
import { openStorage } from '../../../src/platform/storage';
import { CliRecorder } from '../../support/cli-output';
import { TempDirs } from '../../support/temp-dirs';
import { AS_OF, drivenYear, fundingProvider, type Year } from './year';

const temp = new TempDirs();

/**
 * Funding figures come from another feature through FUNDING_FIGURES. Here a stand-in for that feature provides them,
 * the way it would from storage alone, so that the command line has them too.
 */
describe('funding figures offered by another feature', function () {
  this.timeout(120_000);
  let year: Year;

  before(async () => {
    year = await drivenYear();
  });
  after(() => temp.removeAll());

  it("reach the command line's report through the offers made from storage, as a sheet of applications and sums", async () => {
    const config = parseConfig(year.env);
    const output = new CliRecorder();
    const cli: CliContext = {
      config,
      t: translator('de'),
      output,
      now: () => AS_OF,
      usage: () => '',
      openStorage: () => openStorage(config, 'cli', featureTables()),
      offers(storage) {
        const offers = storageOffers(config, storage, () => AS_OF);
        offers.provide(FUNDING_FIGURES, fundingProvider);
        return offers;
      },
    };
    const file = path.join(temp.make(), 'bericht.xlsx');
    assert.equal(await reportCommand.run(['--out', file], cli, reportSettings(new Settings(year.env))), 0, output.stderr.join('\n'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Förderung')!;
    assert.deepEqual((sheet.getRow(1).values as string[]).slice(1), ['Projekt', 'Programm', 'Fördergeber', 'Status', 'Beantragt', 'Bewilligt', 'Eingereicht am', 'Entschieden am']);
    assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), [
      'Open-Data-Portal',
      'Open-Data-Förderung',
      'Land NRW',
      'geplant',
      20000,
    ]);
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), [
      'E-Akte (digitale Verwaltungsakte)',
      'Digitale Modellregionen NRW',
      'Land NRW',
      'bewilligt',
      120000,
      90000,
      new Date('2026-02-15T00:00:00.000Z'),
      new Date('2026-06-30T00:00:00.000Z'),
    ]);
    const overview = workbook.getWorksheet('Übersicht')!;
    const figures = new Map<string, unknown>();
    overview.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    assert.deepEqual([figures.get('Fördermittel beantragt (EUR)'), figures.get('Fördermittel bewilligt (EUR)')], [170000.5, 90000]);
  });

  it("show in a project's fact sheet: the applications with status and amounts, and the sums", async () => {
    const directory = new DirectoryCache(year.storage.repos, { now: () => AS_OF, checkIntervalMs: 1000 });
    const index = await directory.current();
    const result = await factSheet({ lookup: projectLookup(directory), people: (email) => index.person(email), status: undefined, funding: [fundingProvider] }, 'E-Akte');
    assert.equal(result.kind, 'found');
    if (result.kind !== 'found') return;
    const card = factSheetModel(result.sheet, { t: translator('de'), locale: 'de', timezone: 'Europe/Berlin' });
    assert.deepEqual(card.facts.find((f) => f.title === 'Förderung'), { title: 'Förderung', value: '2 Anträge: beantragt 170.000,50\u00a0€, bewilligt 90.000\u00a0€' });
    assert.equal(card.fundingTitle, 'Förderanträge');
    assert.deepEqual(card.applications, [
      { text: 'Digitale Modellregionen NRW: bewilligt, beantragt 120.000\u00a0€ (bewilligt 90.000\u00a0€)' },
      { text: 'Förderaufruf KI in der Verwaltung: eingereicht, beantragt 50.000,50\u00a0€' },
    ]);
  });
});

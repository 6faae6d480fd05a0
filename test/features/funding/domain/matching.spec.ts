import assert from 'node:assert/strict';
import type { Project } from '../../../../src/platform/directory/model';
import { fieldNamed, matchProject, matchProjects } from '../../../../src/features/funding/domain/matching';

const project = (p: Partial<Project> & Pick<Project, 'id' | 'title'>): Project => ({
  aliases: [],
  field: 'Verwaltung digital',
  lead: 'Dülmen',
  participants: [],
  owner: 'anna.schulte@duelmen.example',
  deputy: '',
  phase: 'implementation',
  summary: '',
  ...p,
});

const E_AKTE = project({ id: 'e-akte', title: 'E-Akte (digitale Verwaltungsakte)', aliases: ['eAkte', 'DMS'], summary: 'Einführung eines Dokumentenmanagementsystems im Hauptamt.' });
const SCHULE = project({ id: 'schul-it', title: 'Schul-IT und DigitalPakt Schule', field: 'Bildung', summary: 'WLAN und Endgeräte für alle Schulen.' });
const BREITBAND = project({ id: 'breitband', title: 'Breitbandausbau in den weißen Flecken', field: 'Infrastruktur', aliases: ['Glasfaser'] });
const SENSORIK = project({ id: 'lorawan', title: 'LoRaWAN-Netz und Smart-City-Sensorik', field: 'Smart Region' });
const DONE = project({ id: 'ratsinfo', title: 'Digitales Ratsinformationssystem', phase: 'done' });
const ALL = [E_AKTE, SCHULE, BREITBAND, SENSORIK, DONE];

describe('matching projects to a funding call', () => {
  it('finds the projects of a field of action the call names, written with other case and umlauts', () => {
    assert.deepEqual(matchProjects({ fields: ['bildung'], keywords: [] }, ALL).map((m) => m.project.id), ['schul-it']);
    assert.deepEqual(matchProject({ fields: ['Bildung'], keywords: [] }, SCHULE)?.fields, ['Bildung']);
  });

  it('finds a keyword in a title, inflected and with a typo', () => {
    assert.deepEqual(matchProject({ fields: [], keywords: ['Schulen'] }, SCHULE)?.keywords, [{ keyword: 'Schulen', place: 'title' }]);
    assert.deepEqual(matchProject({ fields: [], keywords: ['Verwaltungsakten'] }, E_AKTE)?.keywords, [{ keyword: 'Verwaltungsakten', place: 'title' }]);
    assert.deepEqual(matchProject({ fields: [], keywords: ['Verwaltugsakte'] }, E_AKTE)?.keywords, [{ keyword: 'Verwaltugsakte', place: 'title' }]);
  });

  it('finds a keyword in an alias, and one written as the alias is without its hyphen', () => {
    assert.deepEqual(matchProject({ fields: [], keywords: ['Glasfaser'] }, BREITBAND)?.keywords, [{ keyword: 'Glasfaser', place: 'title' }]);
    assert.deepEqual(matchProject({ fields: [], keywords: ['E-Akte'] }, E_AKTE)?.keywords, [{ keyword: 'E-Akte', place: 'title' }]);
  });

  it('finds a phrase whose words are all there, and the start of a compound ("Breitband" in "Breitbandausbau")', () => {
    assert.deepEqual(matchProject({ fields: [], keywords: ['smart city'] }, SENSORIK)?.keywords, [{ keyword: 'smart city', place: 'title' }]);
    assert.deepEqual(matchProject({ fields: [], keywords: ['Breitband'] }, BREITBAND)?.keywords, [{ keyword: 'Breitband', place: 'title' }]);
  });

  it('finds a keyword in the summary, worth less than one in the title', () => {
    const summary = matchProject({ fields: [], keywords: ['Dokumentenmanagementsystem'] }, E_AKTE)!;
    assert.deepEqual(summary.keywords, [{ keyword: 'Dokumentenmanagementsystem', place: 'summary' }]);
    assert.ok(summary.score < matchProject({ fields: [], keywords: ['Verwaltungsakte'] }, E_AKTE)!.score);
  });

  it('does not take a phrase of which one word is missing, nor a short word one letter off', () => {
    assert.equal(matchProject({ fields: [], keywords: ['smart parking'] }, SENSORIK), undefined);
    assert.equal(matchProject({ fields: [], keywords: ['DMZ'] }, E_AKTE), undefined);
  });

  it('leaves out done projects and those whose owner said the call does not fit, and ranks by how well they fit', () => {
    const call = { fields: ['Verwaltung digital'], keywords: ['Schule', 'digital'] };
    assert.deepEqual(matchProjects(call, ALL).map((m) => m.project.id), ['e-akte', 'schul-it']);
    assert.deepEqual(matchProjects(call, ALL, new Set(['e-akte'])).map((m) => m.project.id), ['schul-it']);
  });

  it('names the field of action a text names, with a typo, spelt as the directory spells it', () => {
    const fields = ['Bildung', 'Bürgerservice', 'Verwaltung digital'];
    assert.equal(fieldNamed('bildung', fields), 'Bildung');
    assert.equal(fieldNamed('Buergerservice', fields), 'Bürgerservice');
    assert.equal(fieldNamed('Bürgerservise', fields), 'Bürgerservice');
    assert.equal(fieldNamed('Verwaltung-Digital', fields), 'Verwaltung digital');
    assert.equal(fieldNamed('E-Akte', fields), undefined);
  });
});

import type { Municipality, Person, Project } from '../../../../src/platform/directory/model';

/** A small made-up directory for unit tests of understanding (not the sample district). */
export const municipalities: Municipality[] = [
  { name: 'Kreis Altheim', kind: 'district', website: '' },
  { name: 'Altheim', kind: 'municipality', website: '' },
  { name: 'Bärenfels', kind: 'municipality', website: '' },
  { name: 'Kleinrode', kind: 'municipality', website: '' },
];

export const people: Person[] = [
  { email: 'k.lorenz@kreis-altheim.example', name: 'Karin Lorenz', roles: ['coordinator'], municipality: 'Kreis Altheim', aadObjectId: '' },
  { email: 'p.mueller@altheim.example', name: 'Paul Müller', roles: ['cdo'], municipality: 'Altheim', aadObjectId: '' },
  { email: 'r.mueller@baerenfels.example', name: 'Rita Müller', roles: ['cdo'], municipality: 'Bärenfels', aadObjectId: '' },
  { email: 'o.weiss@kleinrode.example', name: 'Olaf Weiß', roles: ['cdo'], municipality: 'Kleinrode', aadObjectId: '' },
];

const project = (p: Partial<Project> & Pick<Project, 'id' | 'title'>): Project => ({
  aliases: [],
  field: 'Verwaltung',
  lead: 'Altheim',
  participants: [],
  owner: '',
  deputy: '',
  phase: 'planning',
  summary: '',
  ...p,
});

export const projects: Project[] = [
  project({ id: 'buergerportal', title: 'Bürger-Portal', aliases: ['Serviceportal'], owner: 'p.mueller@altheim.example', deputy: 'k.lorenz@kreis-altheim.example', field: 'Bürgerservice' }),
  project({ id: 'ratsapp', title: 'Digitale Ratsarbeit', aliases: ['Rats-App', 'Gremien-App'], owner: 'o.weiss@kleinrode.example', lead: 'Kleinrode', phase: 'done' }),
  project({ id: 'e-vergabe', title: 'E-Vergabe (elektronische Ausschreibung)', owner: 'r.mueller@baerenfels.example', lead: 'Bärenfels', participants: ['Altheim'] }),
  project({ id: 'digitale-archive', title: 'Digitale Archive', owner: 'k.lorenz@kreis-altheim.example', lead: 'Kreis Altheim', phase: 'idea' }),
  project({ id: 'digitale-schule', title: 'Digitale Schule', field: 'Bildung', lead: 'Bärenfels' }),
];

import assert from 'node:assert/strict';
import type { Question } from '../../../../src/features/ask/domain/answers';
import { interpret, readQuestion, type Interpretation } from '../../../../src/features/ask/domain/intents';
import { DirectoryIndex } from '../../../../src/features/ask/domain/search-index';
import { municipalities, people, projects } from './directory-fixture';

const index = new DirectoryIndex({ municipalities, people, projects });

/** The rule that decided and what the question is about: its entities, then its phases. */
function summary(text: string): string {
  const i: Interpretation = interpret(text, index);
  if (i.kind === 'answer') return [i.rule, ...about(i.question)].join(' ');
  if (i.kind === 'ambiguous') return `ambiguous ${i.intent} ${i.candidates.map((c) => c.id).join('|')}`;
  if (i.kind === 'unknown') return `unknown ${i.entityKind} "${i.term}"`;
  return 'none';
}

function about(question: Question): string[] {
  switch (question.intent) {
    case 'owner':
    case 'deputy':
    case 'projectDetails':
      return [...question.projects];
    case 'municipalityContact':
      return [...question.municipalities];
    case 'personProjects':
      return [question.person];
    case 'role':
      return question.municipality ? [question.role, question.municipality] : [];
    case 'projects': {
      const { municipalities = [], people = [], fields = [], phases = [] } = question.query;
      return [...municipalities, ...people, ...fields, ...phases];
    }
  }
}

describe('ask: understanding a question', () => {
  it('asks for the owner in German and English', () => {
    assert.equal(summary('Wer ist für das Bürger-Portal zuständig?'), 'owner buergerportal');
    assert.equal(summary('Who is responsible for the Serviceportal?'), 'owner buergerportal');
    assert.equal(summary('wer kuemmert sich um die ratsapp'), 'owner ratsapp');
  });

  it('asks for the deputy', () => {
    assert.equal(summary('Wer vertritt beim Bürger-Portal?'), 'deputy buergerportal');
  });

  it('asks for details when only the project is named or details are asked for', () => {
    assert.equal(summary('Rats-App'), 'projectDetails ratsapp');
    assert.equal(summary('Was ist der Stand bei der E-Vergabe?'), 'projectDetails e-vergabe');
  });

  it('tells the contact of a municipality from its projects', () => {
    assert.equal(summary('Wer ist der CDO von Bärenfels?'), 'municipalityContact Bärenfels');
    assert.equal(summary('Welche Projekte hat Baerenfels?'), 'municipalityProjects Bärenfels');
    assert.equal(summary('Welche Projekte von Altheim sind in Planung?'), 'municipalityProjects Altheim planning');
  });

  it('prefers the longer name that explains more words: "Kreis Altheim" is not "Altheim"', () => {
    assert.equal(summary('Welche Projekte hat der Kreis Altheim?'), 'municipalityProjects Kreis Altheim');
    assert.equal(summary('Welche Projekte hat Altheim?'), 'municipalityProjects Altheim');
  });

  it('asks for the coordinators, the projects of a person, a phase or a field', () => {
    assert.equal(summary('Wer koordiniert beim Kreis?'), 'coordinators');
    assert.equal(summary('Wie erreiche ich Olaf Weiss?'), 'personProjects o.weiss@kleinrode.example');
    assert.equal(summary('Which projects are finished?'), 'phaseProjects done');
    assert.equal(summary('Projekte im Handlungsfeld Bildung'), 'fieldProjects Bildung');
  });

  it('offers a choice when a name fits several people equally', () => {
    assert.equal(summary('Welche Projekte hat Frau Müller?'), 'ambiguous personProjects p.mueller@altheim.example|r.mueller@baerenfels.example');
  });

  it('offers a choice when a word fits several projects and nothing else is asked', () => {
    assert.equal(summary('Wer ist für die digitalen Sachen zuständig?'), 'ambiguous owner digitale-archive|ratsapp|digitale-schule');
    assert.equal(summary('Wer ist für Digitales zuständig?'), 'ambiguous owner digitale-archive|ratsapp|digitale-schule');
  });

  it('says it could not tell which project is meant when no name is given', () => {
    assert.equal(summary('Wer ist zuständig?'), 'unknown project ""');
  });

  it('does not take a known first or last name for a different person', () => {
    assert.equal(summary('Welche Projekte hat Olaf Schmidt?'), 'unknown person "Olaf Schmidt"');
  });

  it('wants a lone first or last name written right before it names a person', () => {
    assert.equal(summary('Wie erreiche ich Frau Lorentz?'), 'unknown person "Lorentz"');
    assert.equal(summary('Wie erreiche ich Frau Lorenz?'), 'personProjects k.lorenz@kreis-altheim.example');
  });

  it('takes the word after "Frau" or "Herr" for a person even when it looks like a project', () => {
    assert.equal(summary('Welche Projekte hat Herr Archive?'), 'unknown person "Archive"');
  });

  it('does not answer with a person whose last name is only a word of a question about a project', () => {
    assert.equal(summary('Ich weiß nicht, wer für das Projekt Wasserstoff zuständig ist'), 'unknown project "Wasserstoff"');
  });

  it('does not take a project for another one that shares a word with it', () => {
    assert.equal(summary('Wer ist für die digitale Bibliothek zuständig?'), 'unknown project "digitale Bibliothek"');
  });

  it('says what kind of thing it does not know', () => {
    assert.equal(summary('Wer ist für das Projekt Wasserstoff zuständig?'), 'unknown project "Wasserstoff"');
    assert.equal(summary('Wer ist der CDO von Neustadt?'), 'unknown municipality "Neustadt"');
    assert.equal(summary('Wie erreiche ich Frau Schmidt?'), 'unknown person "Schmidt"');
    assert.equal(summary('Welche Projekte gibt es im Handlungsfeld Tourismus?'), 'unknown field "Tourismus"');
  });

  it('takes a name joined by a hyphen to an unknown word for a different name', () => {
    assert.equal(summary('Wer ist für die Ratsarbeit-Cloud zuständig?'), 'unknown project "Ratsarbeit-Cloud"');
    assert.equal(summary('Wer ist der CDO von Altheim-Süd?'), 'unknown municipality "Altheim-Süd"');
  });

  it('tolerates one typo fewer in names of places than in other names', () => {
    assert.equal(summary('Wer ist der CDO von Kleinrod?'), 'municipalityContact Kleinrode');
    assert.equal(summary('Wer ist der CDO von Kleinrath?'), 'unknown municipality "Kleinrath"');
  });

  it('does not take another district for its own when the general word for a district is used', () => {
    assert.equal(summary('Wer ist der CDO vom Kreis Neustadt?'), 'unknown municipality "Kreis Neustadt"');
    assert.equal(summary('Wer koordiniert im Landkreis Neustadt?'), 'unknown municipality "Landkreis Neustadt"');
  });

  it('leaves text that is not about the directory alone', () => {
    assert.equal(summary('Wie wird das Wetter?'), 'none');
    assert.equal(summary('Danke!'), 'none');
  });

  it('combines every filter a sentence holds: municipality, field, phase, person', () => {
    assert.equal(summary('Welche Bildungsprojekte hat Bärenfels?'), 'municipalityProjects Bärenfels Bildung');
    assert.equal(summary('Welche Projekte im Handlungsfeld Verwaltung sind in Planung?'), 'fieldProjects Verwaltung planning');
    assert.equal(summary('Welche Projekte von Paul Müller sind in Planung?'), 'personProjects p.mueller@altheim.example planning');
  });

  it('asks for the projects a municipality leads, not those it takes part in, when it says "leitet" or "lead"', () => {
    const lead = interpret('Which projects does Altheim lead?', index);
    assert.deepEqual(lead.kind === 'answer' && lead.question, { intent: 'projects', query: { municipalities: ['Altheim'], lead: true } });
  });

  it('asks what two municipalities share when they are named with "und"', () => {
    assert.equal(summary('Woran arbeiten Altheim und Bärenfels zusammen?'), 'municipalityProjects Altheim Bärenfels');
  });

  it('still offers a choice for two names joined by "oder"', () => {
    assert.equal(summary('Wer ist für die Rats-App oder das Bürger-Portal zuständig?'), 'ambiguous owner ratsapp|buergerportal');
  });

  it('counts when asked how many', () => {
    const count = interpret('Wie viele Projekte hat Kleinrode?', index);
    assert.deepEqual(count.kind === 'answer' && count.question, { intent: 'projects', query: { municipalities: ['Kleinrode'] }, count: true });
  });

  it('asks for the projects without an owner or a deputy', () => {
    const noOwner = interpret('Welche Projekte haben keinen Verantwortlichen?', index);
    assert.deepEqual(noOwner.kind === 'answer' && noOwner.question, { intent: 'projects', query: { gap: 'owner' } });
    const noDeputy = interpret('Which projects have no deputy?', index);
    assert.deepEqual(noDeputy.kind === 'answer' && noDeputy.question, { intent: 'projects', query: { gap: 'deputy' } });
  });

  it('asks for the people of a role by its name', () => {
    assert.equal(summary('Wer sind die Koordinatoren?'), 'coordinators');
    const scouts = interpret('Wer ist Trendscout?', index);
    assert.deepEqual(scouts.kind === 'answer' && scouts.question, { intent: 'role', role: 'scout' });
  });

  it('knows an office the directory does not keep and names nobody for it', () => {
    assert.deepEqual(interpret('Wer ist der Bürgermeister von Altheim?', index), { kind: 'unknownRole', term: 'Bürgermeister', municipality: 'Altheim' });
    assert.deepEqual(interpret('Who is the data protection officer?', index), { kind: 'unknownRole', term: 'data protection officer' });
  });

  it('finds German names from English words of the bilingual vocabulary', () => {
    assert.equal(summary('Who owns the procurement project?'), 'owner e-vergabe');
    assert.equal(summary('List all projects about education'), 'fieldProjects Bildung');
  });

  it('understands the phrasings people use for "who is responsible"', () => {
    assert.equal(summary('An wen wende ich mich wegen der Rats-App?'), 'owner ratsapp');
    assert.equal(summary('Wer weiß über das Bürger-Portal Bescheid?'), 'owner buergerportal');
    assert.equal(summary('Mit wem spreche ich über die E-Vergabe?'), 'owner e-vergabe');
    assert.equal(summary('Wer hat bei der Rats-App den Hut auf?'), 'owner ratsapp');
    assert.equal(summary('Who should I talk to about the Serviceportal?'), 'owner buergerportal');
    assert.equal(summary('Is anyone working on the Rats-App?'), 'owner ratsapp');
  });

  it('answers a single weak candidate directly instead of offering a choice of one', () => {
    const withLotse = new DirectoryIndex({ municipalities, people, projects: [...projects, { ...projects[0]!, id: 'ki-lotse', title: 'KI-Lotse Altheim', aliases: [] }] });
    const single = interpret('Wer ist für KI zuständig?', withLotse);
    assert.deepEqual(single.kind === 'answer' && single.question, { intent: 'owner', projects: ['ki-lotse'] });
  });

  it('tells the language of the question from its words, and not from names', () => {
    const language = (text: string) => readQuestion(text, index).facts.language;
    assert.equal(language('Wer kümmert sich um die E-Vergabe?'), 'de');
    assert.equal(language('Who takes care of the Bürger-Portal?'), 'en');
    assert.equal(language('Bürger-Portal'), undefined);
  });

  it('marks short questions that may continue the last one', () => {
    const follows = (text: string) => readQuestion(text, index).mayFollowUp;
    assert.deepEqual(['und Altheim?', 'Welche davon sind in Planung?', 'Wie erreiche ich sie?', 'Wer ist da zuständig?', 'und die Vertretung?'].map(follows), [true, true, true, true, true]);
    assert.deepEqual(['Wer ist für das Bürger-Portal zuständig?', 'Welche Projekte hat Altheim?'].map(follows), [false, false]);
  });
});

describe('ask: what a blind corpus over another district taught', () => {
  const more = new DirectoryIndex({
    municipalities,
    people,
    projects: [
      ...projects,
      { ...projects[0]!, id: 'parkraum', title: 'Parkraummanagement', aliases: [], field: 'Mobilität' },
      { ...projects[0]!, id: 'friedhof', title: 'Friedhofsverwaltung digital', aliases: [], field: 'Verwaltung' },
      { ...projects[0]!, id: 'wahlhelfer', title: 'Wahlhelferportal', aliases: [], field: 'Verwaltung' },
      { ...projects[0]!, id: 'co2', title: 'Klimaschutz-Dashboard', aliases: ['CO2-Bilanz'], field: 'Verwaltung' },
      { ...projects[0]!, id: 'pegel', title: 'Starkregen-Frühwarnung', aliases: [], field: 'Klima und Umwelt' },
    ],
  });
  const read = (text: string) => {
    const i = interpret(text, more);
    if (i.kind === 'answer') return `${i.rule} ${JSON.stringify(i.question)}`;
    if (i.kind === 'unknown') return `unknown ${i.entityKind} "${i.term}"`;
    return i.kind;
  };

  it('finds a German compound from English words written apart, and German words without the linking "s"', () => {
    assert.equal(read('Who is in charge of the parking management?'), 'owner {"intent":"owner","projects":["parkraum"]}');
    assert.equal(read('who runs the election helpers portal?'), 'owner {"intent":"owner","projects":["wahlhelfer"]}');
    assert.equal(read('Wer kümmert sich um die Friedhof Verwaltung?'), 'owner {"intent":"owner","projects":["friedhof"]}');
    assert.equal(read('Tell me about the cemetery administration'), 'projectDetails {"intent":"projectDetails","projects":["friedhof"]}');
  });

  it('takes "tell me about" and "is anyone working on" an unknown name for a project it does not know', () => {
    assert.equal(read('Tell me about the smart waste bins'), 'unknown project "smart waste bins"');
    assert.equal(read('Is anyone working on smart waste bins?'), 'unknown project "smart waste bins"');
    assert.equal(read('Is anyone working on an hydrogen app?'), 'unknown project "hydrogen app"');
    assert.equal(read('Wer arbeitet an Wasserstoff?'), 'unknown project "Wasserstoff"');
    assert.equal(read('Erzähl mir etwas über die Rats-App'), 'projectDetails {"intent":"projectDetails","projects":["ratsapp"]}');
  });

  it('reads "projects about climate" as the field of action, not as a project with a word of the same group', () => {
    assert.equal(read('Which projects are about climate?'), 'fieldProjects {"intent":"projects","query":{"fields":["Klima und Umwelt"]}}');
    assert.equal(read('Welche Projekte gibt es zum Thema Klima?'), 'fieldProjects {"intent":"projects","query":{"fields":["Klima und Umwelt"]}}');
  });

  it('takes the shape of a place\'s name for a place, two names for a person', () => {
    assert.equal(read('Welche Projekte hat Neustadt am Wald?'), 'unknown municipality "Neustadt am Wald"');
    assert.equal(read('Welche Projekte hat Bad Blumenau?').startsWith('unknown municipality "Bad Blumenau"'), true);
    assert.equal(read('Welche Projekte hat Peter Schmitz?'), 'unknown person "Peter Schmitz"');
  });

  it('lists the projects where a person is the deputy when asked so', () => {
    assert.equal(read('Bei welchen Projekten ist Karin Lorenz Vertreterin?'), 'personProjects {"intent":"projects","query":{"people":["k.lorenz@kreis-altheim.example"],"personRole":"deputy"}}');
    assert.equal(read('Welche Projekte hat Karin Lorenz?'), 'personProjects {"intent":"personProjects","person":"k.lorenz@kreis-altheim.example"}');
  });

  it('reads the second blind corpus\'s lessons: a phrase with "and", „St.“ for „Sankt“, the owner\'s projects, „Was läuft in …?“', () => {
    const moor = new DirectoryIndex({
      municipalities: [...municipalities, { name: 'Sankt Anna', kind: 'municipality', website: '' }],
      people,
      projects: [...projects, { ...projects[0]!, id: 'fundbuero', title: 'Digitales Fundbüro', aliases: [], lead: 'Sankt Anna' }],
    });
    const at = (text: string) => {
      const i = interpret(text, moor);
      return i.kind === 'answer' ? `${i.rule} ${JSON.stringify(i.question)}` : i.kind;
    };
    assert.equal(at('Who is responsible for the digital lost and found?'), 'owner {"intent":"owner","projects":["fundbuero"]}');
    assert.equal(at('Projekte in St. Anna'), 'municipalityProjects {"intent":"projects","query":{"municipalities":["Sankt Anna"]}}');
    assert.equal(at('Was läuft in Altheim?'), 'municipalityProjects {"intent":"projects","query":{"municipalities":["Altheim"]}}');
    assert.equal(at('Bei welchen Projekten ist Karin Lorenz Kümmerin?'), 'personProjects {"intent":"projects","query":{"people":["k.lorenz@kreis-altheim.example"],"personRole":"owner"}}');
    assert.equal(at('Welche Projekte betreut Karin Lorenz?'), 'personProjects {"intent":"personProjects","person":"k.lorenz@kreis-altheim.example"}');
    assert.equal(at('Who can tell me about the Rats-App?'), 'owner {"intent":"owner","projects":["ratsapp"]}');
  });

  it('reads the third blind corpus\'s lessons: „Dr.“ picks the titled one of two namesakes, „Landratsamt“ is the district, a compound part beside an unknown word names nothing', () => {
    const isar = new DirectoryIndex({
      municipalities,
      people: [...people, { email: 'k.huber@kreis-altheim.example', name: 'Dr. Korbinian Huber', roles: ['coordinator'], municipality: 'Kreis Altheim', aadObjectId: '' }, { email: 'm.huber@altheim.example', name: 'Monika Huber', roles: ['member'], municipality: 'Altheim', aadObjectId: '' }],
      projects: [...projects, { ...projects[0]!, id: 'mitfahr', title: 'Mitfahr-App', aliases: ['Ridesharing'] }],
    });
    const at = (text: string) => {
      const i = interpret(text, isar);
      return i.kind === 'answer' ? `${i.rule} ${JSON.stringify(i.question)}` : i.kind === 'ambiguous' ? `ambiguous ${i.candidates.map((c) => c.id).join('|')}` : i.kind;
    };
    assert.equal(at('Welche Projekte hat Dr. Huber?'), 'personProjects {"intent":"personProjects","person":"k.huber@kreis-altheim.example"}');
    assert.equal(at('Welche Projekte hat Huber?'), 'ambiguous k.huber@kreis-altheim.example|m.huber@altheim.example');
    assert.equal(at('Welche Projekte leitet das Landratsamt?'), 'municipalityProjects {"intent":"projects","query":{"municipalities":["Kreis Altheim"],"lead":true}}');
    assert.equal(at('Who is responsible for the e-scooter sharing?'), 'unknown');
    assert.equal(at('Who is responsible for ridesharing?'), 'owner {"intent":"owner","projects":["mitfahr"]}');
  });

  it('reads the fourth blind corpus\'s lessons: a town without its status word, a field word in a question about a project', () => {
    const elb = new DirectoryIndex({
      municipalities: [...municipalities, { name: 'Lutherstadt Wittenau', kind: 'municipality', website: '' }, { name: 'Gemeinde Oberhaching-Ost', kind: 'municipality', website: '' }],
      people,
      projects: [...projects, { ...projects[0]!, id: 'sensor', title: 'Sensornetz', aliases: [], field: 'Smart Region' }],
    });
    const at = (text: string) => {
      const i = interpret(text, elb);
      return i.kind === 'answer' ? `${i.rule} ${JSON.stringify(i.question)}` : i.kind;
    };
    assert.equal(at('Wer sind die CDOs von Wittenau und Kleinrode?'), 'municipalityContact {"intent":"municipalityContact","municipalities":["Lutherstadt Wittenau","Kleinrode"]}');
    assert.equal(at('Wer ist der CDO von Oberhaching-West?'), 'unknown');
    assert.equal(at('Tell me about the smart bin project'), 'unknown');
    assert.equal(at('Projekte im Handlungsfeld Smart Region'), 'fieldProjects {"intent":"projects","query":{"fields":["Smart Region"]}}');
  });

  it('does not take a typo of one word of a longer name for the name („Moorbad“ is not „Moorland-App“)', () => {
    const moor = new DirectoryIndex({ municipalities, people, projects: [...projects, { ...projects[0]!, id: 'funk', title: 'Bürgerfunk-App', aliases: ['Moorland-App'] }] });
    const i = interpret('Wer kümmert sich um das Moorbad?', moor);
    assert.equal(i.kind, 'unknown');
  });

  it('reads „Was machen A und B gemeinsam?“ as the projects the two share', () => {
    assert.equal(read('Was machen Altheim und Bärenfels gemeinsam?'), 'municipalityProjects {"intent":"projects","query":{"municipalities":["Altheim","Bärenfels"]}}');
  });
});

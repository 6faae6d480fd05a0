import assert from 'node:assert/strict';
import type { AskAnswer } from '../../../../src/features/ask/domain/answers';
import { AskService, type ContextStore } from '../../../../src/features/ask/domain/ask-service';
import { parseAskContext, type AskContext } from '../../../../src/features/ask/domain/follow-up';
import { DirectoryIndex } from '../../../../src/features/ask/domain/search-index';
import { municipalities, people, projects } from './directory-fixture';

const index = new DirectoryIndex({ municipalities, people, projects });
const MINUTE = 60_000;

/** A conversation's memory in a variable, counting reads and writes. */
class Memory implements ContextStore {
  stored: AskContext | undefined;
  reads = 0;
  writes = 0;

  async read(): Promise<AskContext | undefined> {
    this.reads++;
    return this.stored;
  }

  async write(context: AskContext): Promise<void> {
    this.writes++;
    this.stored = context;
  }
}

/** One conversation with Ask on a clock of its own (ten-minute context). */
function conversation() {
  const service = new AskService({ current: async () => index }, () => undefined, 10 * MINUTE);
  const memory = new Memory();
  let now = Date.parse('2026-03-02T09:00:00Z');
  return {
    memory,
    wait(ms: number) {
      now += ms;
    },
    async ask(text: string): Promise<string> {
      now += 1000;
      return summary((await service.ask(text, { now: new Date(now), memory })).answer);
    },
  };
}

/** An answer in a line: its kind and what it is about. */
function summary(answer: AskAnswer): string {
  switch (answer.kind) {
    case 'owner':
    case 'deputy':
      return `${answer.kind} ${answer.project.id}`;
    case 'projectDetails':
      return `details ${answer.project.id}`;
    case 'municipalityContact':
      return `contact ${answer.municipalities.map((m) => m.name).join(', ')}`;
    case 'personProjects':
      return `person ${answer.person.email}`;
    case 'projects':
      return `projects ${JSON.stringify(answer.query)}${answer.count ? ' counted' : ''}: ${answer.projects.items.map((p) => p.id).join(', ')}`;
    case 'role':
      return `role ${answer.role}`;
    case 'unknown':
      return `unknown ${answer.entityKind} "${answer.term}"`;
    default:
      return answer.kind;
  }
}

describe('ask: follow-ups read against the last question', () => {
  it('keeps the intent for a new subject: „und Kleinrode?“ after the projects of Bärenfels', async () => {
    const c = conversation();
    assert.equal(await c.ask('Welche Projekte hat Bärenfels?'), 'projects {"municipalities":["Bärenfels"]}: digitale-schule, e-vergabe');
    assert.equal(await c.ask('und Kleinrode?'), 'projects {"municipalities":["Kleinrode"]}: ratsapp');
  });

  it('keeps "leads" for a new municipality: „Welche Projekte leitet Altheim?“, „und Bärenfels?“', async () => {
    const c = conversation();
    assert.equal(await c.ask('Welche Projekte leitet Altheim?'), 'projects {"municipalities":["Altheim"],"lead":true}: buergerportal');
    assert.equal(await c.ask('und Bärenfels?'), 'projects {"municipalities":["Bärenfels"],"lead":true}: digitale-schule, e-vergabe');
  });

  it('keeps the filters when the subject changes: the paused projects, „und in Altheim?“', async () => {
    const c = conversation();
    await c.ask('Welche Projekte sind in Planung?');
    assert.equal(await c.ask('und in Altheim?'), 'projects {"phases":["planning"],"municipalities":["Altheim"]}: buergerportal, e-vergabe');
  });

  it('keeps the subject for a new intent: „und die Vertretung?“ after the owner', async () => {
    const c = conversation();
    assert.equal(await c.ask('Wer kümmert sich um das Bürger-Portal?'), 'owner buergerportal');
    assert.equal(await c.ask('und die Vertretung?'), 'deputy buergerportal');
  });

  it('takes „sie“ for the person the last answer named', async () => {
    const c = conversation();
    assert.equal(await c.ask('Wer ist der CDO von Bärenfels?'), 'contact Bärenfels');
    assert.equal(await c.ask('Wie erreiche ich sie?'), 'person r.mueller@baerenfels.example');
  });

  it('takes „sie“ beside another name for what the two share: „Woran arbeiten sie und Karin Lorenz zusammen?“', async () => {
    const c = conversation();
    assert.equal(await c.ask('Welche Projekte hat Paul Müller?'), 'person p.mueller@altheim.example');
    assert.equal(await c.ask('Woran arbeiten sie und Karin Lorenz zusammen?'), 'projects {"people":["p.mueller@altheim.example","k.lorenz@kreis-altheim.example"]}: buergerportal');
  });

  it('narrows one person\'s projects to those where they are the deputy: „Bei welchen davon ist sie Vertreterin?“', async () => {
    const c = conversation();
    assert.equal(await c.ask('Welche Projekte hat Karin Lorenz?'), 'person k.lorenz@kreis-altheim.example');
    assert.equal(await c.ask('Bei welchen davon ist sie Vertreterin?'), 'projects {"people":["k.lorenz@kreis-altheim.example"],"personRole":"deputy"}: buergerportal');
  });

  it('reads "Which projects are there?" and „dort“ with a filter of its own against the place talked about', async () => {
    const c = conversation();
    await c.ask('Who is the CDO of Kleinrode?');
    assert.equal(await c.ask('Which projects are there?'), 'projects {"municipalities":["Kleinrode"]}: ratsapp');
    const d = conversation();
    await d.ask('Welche Projekte hat Bärenfels?');
    assert.equal(await d.ask('Welche Projekte gibt es dort im Handlungsfeld Bildung?'), 'projects {"fields":["Bildung"],"municipalities":["Bärenfels"]}: digitale-schule');
  });

  it('keeps the project through a question about its owner: „Wie erreiche ich ihn?“, then „und seine Vertretung?“', async () => {
    const c = conversation();
    await c.ask('Wer kümmert sich um das Bürger-Portal?');
    assert.equal(await c.ask('Wie erreiche ich ihn?'), 'person p.mueller@altheim.example');
    assert.equal(await c.ask('und seine Vertretung?'), 'deputy buergerportal');
  });

  it('asks the same of a known name after an unknown one, and refers nothing back to the unknown one', async () => {
    const c = conversation();
    assert.equal(await c.ask('Welche Projekte hat Neustadt?'), 'unknown municipality "Neustadt"');
    assert.equal(await c.ask('und Kleinrode?'), 'projects {"municipalities":["Kleinrode"]}: ratsapp');
    const d = conversation();
    assert.equal(await d.ask('Wer kümmert sich um das Moorbad?'), 'unknown project "Moorbad"');
    assert.equal(await d.ask('und die Vertretung?'), 'unknown project ""');
    assert.equal(await d.ask('und um die Rats-App?'), 'owner ratsapp');
  });

  it('keeps an office it does not know unknown in a follow-up, of the place referred to', async () => {
    const c = conversation();
    await c.ask('Wer ist der CDO von Kleinrode?');
    assert.equal(await c.ask('Und wer ist dort der Bürgermeister?'), 'unknownRole');
  });

  it('takes „dort“ for the municipality the last answer was about', async () => {
    const c = conversation();
    await c.ask('Wer ist der CDO von Kleinrode?');
    assert.equal(await c.ask('Welche Projekte gibt es dort?'), 'projects {"municipalities":["Kleinrode"]}: ratsapp');
  });

  it('filters the last list for „davon“ and counts it for „wie viele davon“', async () => {
    const c = conversation();
    await c.ask('Welche Projekte hat Altheim?');
    assert.equal(await c.ask('Welche davon sind in Planung?'), 'projects {"municipalities":["Altheim"],"phases":["planning"]}: buergerportal, e-vergabe');
    assert.equal(await c.ask('Wie viele davon leitet Altheim?'), 'projects {"municipalities":["Altheim"],"phases":["planning"],"lead":true} counted: buergerportal');
  });

  it('forgets the last question after the configured minutes', async () => {
    const c = conversation();
    await c.ask('Wer kümmert sich um das Bürger-Portal?');
    c.wait(10 * MINUTE);
    assert.equal(await c.ask('und die Vertretung?'), 'unknown project ""');
  });

  it('still answers a follow-up just before the minutes are up', async () => {
    const c = conversation();
    await c.ask('Wer kümmert sich um das Bürger-Portal?');
    c.wait(10 * MINUTE - 2000);
    assert.equal(await c.ask('und die Vertretung?'), 'deputy buergerportal');
  });

  it('starts afresh with a full question, without reading the memory', async () => {
    const c = conversation();
    await c.ask('Wer kümmert sich um das Bürger-Portal?');
    assert.equal(await c.ask('Welche Projekte hat Kleinrode?'), 'projects {"municipalities":["Kleinrode"]}: ratsapp');
    assert.equal(c.memory.reads, 0);
    assert.equal(c.memory.writes, 2);
  });

  it('reads the memory once for a follow-up and writes once', async () => {
    const c = conversation();
    await c.ask('Wer kümmert sich um das Bürger-Portal?');
    await c.ask('und die Vertretung?');
    assert.deepEqual([c.memory.reads, c.memory.writes], [1, 2]);
  });

  it('does not let the last subject stand in for a name it does not know', async () => {
    const c = conversation();
    await c.ask('Wer kümmert sich um das Bürger-Portal?');
    assert.equal(await c.ask('Wer ist für das Projekt Wasserstoff zuständig?'), 'unknown project "Wasserstoff"');
    // The unknown question is now the last one: „und die Vertretung?“ is not read against the Bürger-Portal.
    assert.equal(c.memory.writes, 2, 'the unknown question replaces the last one');
    assert.equal(await c.ask('und die Vertretung?'), 'unknown project ""');
  });

  it('says it does not know „und Neustadt?“ after a question about a municipality, and names nobody', async () => {
    const c = conversation();
    await c.ask('Wer ist der CDO von Altheim?');
    assert.equal(await c.ask('und Neustadt?'), 'unknown municipality "Neustadt"');
  });

  it('answers „und Kleinrode?“ on its own when there was no question before', async () => {
    const c = conversation();
    assert.equal(await c.ask('und Kleinrode?'), 'contact Kleinrode');
  });

  it('remembers what was asked and what the answer was about', async () => {
    const c = conversation();
    await c.ask('Wer kümmert sich um die Rats-App?');
    assert.deepEqual(c.memory.stored, {
      at: Date.parse('2026-03-02T09:00:01Z'),
      question: { intent: 'owner', projects: ['ratsapp'] },
      focus: { project: 'ratsapp', municipality: 'Kleinrode', people: ['o.weiss@kleinrode.example'] },
    });
  });
});

describe('ask: the stored context', () => {
  const valid = { at: 1, question: { intent: 'projects', query: { municipalities: ['Altheim'], phases: ['planning'] }, count: true }, focus: { municipality: 'Altheim' } };

  it('accepts a context of the expected shape', () => {
    assert.deepEqual(parseAskContext(valid), valid);
  });

  it('refuses a context with an unknown intent, phase or shape', () => {
    assert.equal(parseAskContext({ ...valid, question: { intent: 'dropTables' } }), undefined);
    assert.equal(parseAskContext({ ...valid, question: { intent: 'projects', query: { phases: ['someday'] } } }), undefined);
    assert.equal(parseAskContext({ ...valid, at: 'yesterday' }), undefined);
    assert.equal(parseAskContext({ ...valid, focus: { people: [42] } }), undefined);
    assert.equal(parseAskContext('{}'), undefined);
  });
});

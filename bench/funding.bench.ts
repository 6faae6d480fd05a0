import { performance } from 'node:perf_hooks';
import { percentile, random } from './measure';
import { AskService } from '../src/features/ask/domain/ask-service';
import { DirectoryIndex } from '../src/features/ask/domain/search-index';
import { matchProjects } from '../src/features/funding/domain/matching';
import { classifyQuestion } from '../src/features/funding/domain/questions';
import { Directory } from '../src/platform/directory/directory-cache';
import { PHASES, type Project } from '../src/platform/directory/model';

/**
 * The funding radar at scale: a generated directory of 2,000 projects.
 * 1. Matching a call (fields of action and keywords, typo-tolerant) against every project, as the bot does for each
 *    new or changed call and for each call a question lists — relative to answering one of Ask's questions on the
 *    same directory, measured side by side.
 * 2. The first match after the directory changed (the projects' words folded, each keyword's look-alikes found)
 *    relative to building Ask's search index of the same directory, which the bot does then too.
 * 3. Recognising a question about funding relative to answering an Ask question.
 */
export const title = 'Funding radar: matching calls with projects, recognising questions';

const PROJECTS = 2_000;
const CALLS = 300;
const ROUNDS = 3;

const NOUNS = ['Akte', 'Plattform', 'Portal', 'Sensorik', 'Schule', 'Beteiligung', 'Bibliothek', 'Karte', 'Cloud', 'Kasse', 'Statistik', 'Vergabe', 'Terminbuchung', 'Wärmeplanung', 'Parkraumsteuerung', 'Ratsarbeit', 'Bauleitplanung', 'Glasfaser', 'Breitband', 'Mängelmeldung'];
const ADJECTIVES = ['Digitale', 'Smarte', 'Offene', 'Kommunale', 'Gemeinsame', 'Mobile', 'Vernetzte', 'Sichere'];
const FIELDS = ['Verwaltung digital', 'Bürgerservice', 'Smart Region', 'Infrastruktur', 'Bildung', 'Wirtschaft', 'Mobilität', 'Klima und Energie'];

function projects(rnd: () => number): Project[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  return Array.from({ length: PROJECTS }, (_, i) => ({
    id: `p-${i}`,
    title: `${pick(ADJECTIVES)} ${pick(NOUNS)} ${i}`,
    aliases: rnd() < 0.5 ? [`${pick(NOUNS)}-${i}`] : [],
    field: pick(FIELDS),
    lead: 'Musterstadt',
    participants: [],
    owner: `p${i % 300}@musterstadt.example`,
    deputy: '',
    phase: pick(PHASES),
    summary: `${pick(ADJECTIVES)} ${pick(NOUNS)} und ${pick(NOUNS)} für die Verwaltung, mit ${pick(NOUNS)} im Projekt ${i}.`,
  }));
}

function calls(rnd: () => number): { fields: string[]; keywords: string[] }[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  // Keywords as people write them: inflected, misspelt, several words.
  const variants = (noun: string) => [noun, `${noun}n`, noun.replace(/(.)(.)$/, '$2$1'), `digitale ${noun}`];
  return Array.from({ length: CALLS }, () => ({ fields: [pick(FIELDS)], keywords: Array.from({ length: 5 }, () => pick(variants(pick(NOUNS)))) }));
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** p50 of `work` over `items` (after a warm-up of the first tenth). */
async function p50<T>(items: readonly T[], work: (item: T) => unknown): Promise<number> {
  for (const item of items.slice(0, Math.ceil(items.length / 10))) await work(item);
  const times: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    await work(item);
    times.push(performance.now() - t0);
  }
  return percentile(times.sort((a, b) => a - b), 50);
}

export async function run(): Promise<void> {
  const rnd = random(7);
  const listed = projects(rnd);
  const asked = calls(rnd);
  const directory = new Directory([{ name: 'Musterstadt', kind: 'municipality', website: '' }], [], listed);
  const index = new DirectoryIndex(directory);
  const ask = new AskService({ current: async () => index });
  const questions = listed.slice(0, CALLS).map((p) => `Wer ist für ${p.title} zuständig?`);

  const askP50 = await p50(questions, (q) => ask.ask(q));
  matchProjects({ fields: [], keywords: ['Warm-up'] }, listed);
  const times: number[] = [];
  let found = 0;
  for (const call of asked) {
    const t0 = performance.now();
    found += matchProjects(call, listed).length;
    times.push(performance.now() - t0);
  }
  const matchP50 = percentile(times.sort((a, b) => a - b), 50);
  const againP50 = await p50(asked, (call) => matchProjects(call, listed));
  console.log(`Ask question p50 ${askP50.toFixed(2)} ms (baseline)`);
  console.log(`match a call against ${PROJECTS} projects p50 ${matchP50.toFixed(2)} ms (${(found / asked.length).toFixed(0)} projects fit on average): ${(matchP50 / askP50).toFixed(1)}× an Ask question`);
  console.log(`the same call again (a question listing calls) p50 ${againP50.toFixed(3)} ms: ${(againP50 / askP50).toFixed(2)}× an Ask question`);

  const builds: number[] = [];
  const firsts: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const snapshot = listed.map((p) => ({ ...p }));
    let t0 = performance.now();
    new DirectoryIndex(new Directory([], [], snapshot));
    builds.push(performance.now() - t0);
    t0 = performance.now();
    matchProjects(asked[round]!, snapshot);
    firsts.push(performance.now() - t0);
  }
  console.log(`first match after a directory change ${median(firsts).toFixed(0)} ms vs Ask's index build ${median(builds).toFixed(0)} ms (median of ${ROUNDS}, alternating): ${(median(firsts) / median(builds)).toFixed(2)}×`);

  const texts = ['Welche Förderfristen laufen bald ab?', 'Förderprogramme für Bildung', 'Fördermittel für die E-Akte', 'Welche Anträge sind eingereicht?', 'Wie viel Fördermittel wurden bewilligt?', 'Wer ist für die E-Akte zuständig?'];
  const recognised = await p50(Array.from({ length: 3_000 }, (_, i) => texts[i % texts.length]!), (text) => classifyQuestion(text));
  console.log(`recognising a question about funding p50 ${(recognised * 1000).toFixed(1)} µs: ${(recognised / askP50).toFixed(3)}× an Ask question`);
}

import { performance } from 'node:perf_hooks';
import { fold } from '../src/features/ask';
import type { Trend } from '../src/features/trends/domain/model';
import { TrendIndex } from '../src/features/trends/domain/search';
import { TableTrendRepository } from '../src/features/trends/tables/trends';
import { TREND_TABLES } from '../src/features/trends/tables/names';
import { startTableServer } from '../src/platform/storage/embedded-table-storage';
import { TableStore } from '../src/platform/storage/table-store';
import { random } from './measure';

/**
 * Searching trend notes: 3,000 generated notes.
 * 1. A question answered from the in-memory index (folding, stems, typos, prefixes) against the plainest search
 *    there is — every note's folded text scanned for the folded words with `includes`, no typos — measured side by
 *    side: p50 and p99, and their ratio.
 * 2. What the index saves per question: listing the notes from Table Storage (one partition read of 3,000 rows, what a
 *    search without the index would cost) against one search in the index, as a ratio.
 */
export const title = 'Trends: search in the in-memory index';

const NOTES = 3_000;
const QUESTIONS = 2_000;
const READS = 10;

const TOPICS = ['KI', 'Chatbot', 'Mobilität', 'Bürgerservice', 'Open Data', 'Glasfaser', 'Schule', 'E-Akte', 'Cloud', 'Sensorik', 'Wärmeplanung', 'Bezahlung', 'Drohnen', 'Förderung', 'Datenschutz', 'Barrierefreiheit'];
const WORDS = ['Landkreis', 'testet', 'startet', 'erste', 'Erfahrungen', 'Pilotprojekt', 'Kommunen', 'digital', 'Verwaltung', 'Bürgerinnen', 'Bürger', 'Plattform', 'Förderprogramm', 'Studie', 'Umfrage', 'Modellregion', 'Land', 'Bund', 'Anbieter', 'Markt'];

function generate(): Trend[] {
  const rnd = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  return Array.from({ length: NOTES }, (_, i) => {
    const topic = pick(TOPICS);
    const words = Array.from({ length: 8 }, () => pick(WORDS));
    return {
      id: i.toString(16).padStart(20, '0'),
      title: `${topic}: ${words.slice(0, 4).join(' ')}`,
      link: `https://example.org/${i}`,
      summary: `${words.join(' ')} ${pick(TOPICS)} ${pick(WORDS)}.`,
      tags: [topic.replace(/\s/g, ''), pick(TOPICS).replace(/\s/g, '')],
      field: pick(['Bürgerservice', 'Bildung', 'Smart Region', 'Infrastruktur', '']),
      scoutEmail: 'scout@example.org',
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
      source: 'line',
      projects: [],
      deliveryId: '',
      postId: '',
      postConversationId: '',
    };
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

const ms = (n: number) => `${n.toFixed(3)} ms`;

export async function run(): Promise<void> {
  const notes = generate();
  const built = performance.now();
  const index = new TrendIndex(notes);
  console.log(`index of ${NOTES} notes built in ${ms(performance.now() - built)}`);
  const texts = notes.map((n) => fold([n.title, n.summary, n.field, ...n.tags].join(' ')));
  const naive = (question: string) => {
    const words = fold(question).split(/\s+/).filter(Boolean);
    return texts.filter((text) => words.every((w) => text.includes(w))).length;
  };
  const rnd = random(11);
  const questions = Array.from({ length: QUESTIONS }, () => {
    const topic = TOPICS[Math.floor(rnd() * TOPICS.length)]!;
    // A third of the questions carry a typo (a letter swapped), as people type them.
    return rnd() < 0.33 && topic.length > 5 ? `${topic.slice(0, 2)}${topic[3]}${topic[2]}${topic.slice(4)}` : topic;
  });
  const timesIndex: number[] = [];
  const timesNaive: number[] = [];
  for (const question of questions) {
    let start = performance.now();
    index.search(question);
    timesIndex.push(performance.now() - start);
    start = performance.now();
    naive(question);
    timesNaive.push(performance.now() - start);
  }
  timesIndex.sort((a, b) => a - b);
  timesNaive.sort((a, b) => a - b);
  const [p50, p99, b50, b99] = [percentile(timesIndex, 0.5), percentile(timesIndex, 0.99), percentile(timesNaive, 0.5), percentile(timesNaive, 0.99)];
  console.log(`search, ${QUESTIONS} questions (a third with a typo): index p50 ${ms(p50)}, p99 ${ms(p99)}; plain scan (no typos) p50 ${ms(b50)}, p99 ${ms(b99)}`);
  console.log(`ratio index / plain scan: p50 ${(p50 / b50).toFixed(2)}, p99 ${(p99 / b99).toFixed(2)}`);

  const storage = await startTableServer();
  try {
    const store = new TableStore(storage.connectionString, 'bench');
    await store.ensureTables([TREND_TABLES.trends]);
    const repo = new TableTrendRepository(store);
    for (let i = 0; i < notes.length; i += 50) await Promise.all(notes.slice(i, i + 50).map((n) => repo.create(n)));
    const reads: number[] = [];
    for (let i = 0; i < READS; i++) {
      const start = performance.now();
      await repo.list();
      reads.push(performance.now() - start);
    }
    reads.sort((a, b) => a - b);
    const read = percentile(reads, 0.5);
    console.log(`listing the ${NOTES} notes from Table Storage (what a question would cost without the index): p50 ${ms(read)}`);
    console.log(`ratio table read / index search (p50): ${(read / p50).toFixed(0)}`);
  } finally {
    await storage.close();
  }
}

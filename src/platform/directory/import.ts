import {
  factSheetTexts,
  FACT_SHEET_FIELDS,
  MUNICIPALITY_KINDS,
  municipalityKey,
  PHASE_LABELS_DE,
  PHASES,
  personKey,
  PRIORITIES,
  PRIORITY_LABELS_DE,
  PROJECT_ID,
  ROLES,
  withFactSheet,
  type FactSheetField,
  type Municipality,
  type MunicipalityKind,
  type Person,
  type Phase,
  type Priority,
  type Project,
  type Role,
} from './model';
import type { Repositories } from './repositories';

/** What an import or export works on. */
export const DIRECTORY_KINDS = ['municipalities', 'people', 'projects'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/**
 * The exact columns of each kind, in the order exports write them. Columns added later come at the end and are
 * optional ({@link OPTIONAL_COLUMNS}): files written before them stay valid.
 */
export const COLUMNS: Readonly<Record<DirectoryKind, readonly string[]>> = {
  municipalities: ['name', 'kind', 'website'],
  people: ['email', 'name', 'roles', 'municipality', 'aad_object_id'],
  projects: ['id', 'title', 'aliases', 'field', 'lead', 'participants', 'owner', 'deputy', 'phase', 'summary', ...FACT_SHEET_FIELDS],
};

/**
 * Columns a file may leave out: the project's fact sheet. A row of a file without such a column keeps what is
 * stored for it (an old project list does not erase the fact sheets); an empty cell clears it.
 */
export const OPTIONAL_COLUMNS: Readonly<Record<DirectoryKind, readonly string[]>> = {
  municipalities: [],
  people: [],
  projects: FACT_SHEET_FIELDS,
};

/**
 * A table read from a file: its header and its rows. `row` is the number a person sees: the spreadsheet row
 * (header = 1) for CSV and XLSX, the position in the array (from 1) for JSON. Cells are as the file gave
 * them; lists may be `;`-separated text or (JSON) arrays.
 */
export interface TabularData {
  /** The column names: the header row, or (JSON) every key any object has. */
  readonly header: readonly string[];
  /** The row of the header as a person sees it; undefined for JSON, where each object names its own keys. */
  readonly headerRow: number | undefined;
  readonly rows: readonly { readonly row: number; readonly cells: Readonly<Record<string, unknown>> }[];
}

export type ProblemCode =
  | 'missingColumn'
  | 'unknownColumn'
  | 'noRows'
  | 'required'
  | 'invalidType'
  | 'tooLong'
  | 'invalidEmail'
  | 'invalidUrl'
  | 'invalidGuid'
  | 'invalidId'
  | 'invalidChoice'
  | 'duplicate'
  | 'unknownMunicipality'
  | 'unknownPerson'
  | 'sameAsOwner'
  | 'invalidPeriod'
  | 'endBeforeStart'
  | 'invalidAmount'
  | 'invalidNumber'
  | 'outOfRange'
  | 'invalidDate'
  | 'pastDate'
  | 'unknownFieldOfAction';

/** One thing wrong with an input file, where it is and what would be right. */
export interface ImportProblem {
  readonly row: number;
  readonly column: string;
  readonly code: ProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export type ImportResult =
  | { readonly ok: false; readonly problems: readonly ImportProblem[] }
  | { readonly ok: true; readonly dryRun: boolean; readonly created: number; readonly updated: number; readonly unchanged: number };

const LIMITS = { name: 100, title: 200, field: 100, alias: 100, url: 300, summary: 2000, list: 50, budget: 1e12 } as const;
const EMAIL = /^[^\s@;,<>"]+@[^\s@;,<>"]+\.[^\s@;,<>"]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** German words accepted for enumerations, besides the English codes. */
const KIND_WORDS: Readonly<Record<string, MunicipalityKind>> = { kreis: 'district', gemeinde: 'municipality', kommune: 'municipality', stadt: 'municipality' };
const ROLE_WORDS: Readonly<Record<string, Role>> = {
  mitglied: 'member',
  koordination: 'coordinator',
  koordinator: 'coordinator',
  koordinatorin: 'coordinator',
  trendscout: 'scout',
  'trend-scout': 'scout',
};
const PHASE_WORDS: Readonly<Record<string, Phase>> = Object.fromEntries(
  Object.entries(PHASE_LABELS_DE).map(([phase, label]) => [label.toLowerCase(), phase as Phase]),
);
const PRIORITY_WORDS: Readonly<Record<string, Priority>> = Object.fromEntries(
  Object.entries(PRIORITY_LABELS_DE).map(([priority, label]) => [label.toLowerCase(), priority as Priority]),
);
/** Yes and no as a spreadsheet or a person writes them. */
const YES_NO: Readonly<Record<string, 'yes' | 'no'>> = { ja: 'yes', nein: 'no', true: 'yes', false: 'no', wahr: 'yes', falsch: 'no', '1': 'yes', '0': 'no', x: 'yes' };

/**
 * Reads one row's cells, collecting problems instead of throwing. Used by the directory's import and by the
 * kinds features import through the same command (see `TabularKind` in `feature.ts`).
 */
export class RowReader {
  constructor(
    private readonly row: number,
    private readonly cells: Readonly<Record<string, unknown>>,
    private readonly problems: ImportProblem[],
  ) {}

  problem(column: string, code: ProblemCode, params: Record<string, string | number> = {}): void {
    this.problems.push({ row: this.row, column, code, params });
  }

  /** A single text value, trimmed; numbers and booleans are taken as text. */
  text(column: string, options: { required?: boolean; max: number }): string {
    const raw = this.cells[column];
    let value: string;
    if (raw === undefined || raw === null) value = '';
    else if (typeof raw === 'string') value = raw.trim();
    else if (typeof raw === 'number' || typeof raw === 'boolean') value = String(raw);
    else {
      this.problem(column, 'invalidType', { expected: 'text' });
      return '';
    }
    if (options.required && value === '') this.problem(column, 'required');
    else if (value.length > options.max) this.problem(column, 'tooLong', { max: options.max, length: value.length });
    return value;
  }

  /**
   * A `;`-separated list (or an array in JSON), without empty and repeated entries. `;` separates in JSON
   * items too: an entry holding one could not be written to CSV or XLSX and read back as it was.
   */
  list(column: string, maxItem: number): string[] {
    const raw = this.cells[column];
    let items: string[];
    if (raw === undefined || raw === null || raw === '') items = [];
    else if (typeof raw === 'string') items = raw.split(';');
    else if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) items = (raw as string[]).flatMap((x) => x.split(';'));
    else {
      this.problem(column, 'invalidType', { expected: 'list' });
      return [];
    }
    const seen = new Set<string>();
    const result: string[] = [];
    for (const item of items.map((i) => i.trim()).filter(Boolean)) {
      if (item.length > maxItem) this.problem(column, 'tooLong', { max: maxItem, length: item.length });
      const key = item.toLocaleLowerCase('de-DE');
      if (!seen.has(key)) result.push(item);
      seen.add(key);
    }
    if (result.length > LIMITS.list) this.problem(column, 'tooLong', { max: LIMITS.list, length: result.length });
    return result;
  }

  choice<T extends string>(column: string, value: string, allowed: readonly T[], words: Readonly<Record<string, T>>): T | undefined {
    const lower = value.toLowerCase();
    const match = allowed.find((a) => a === lower) ?? words[lower];
    if (!match) this.problem(column, 'invalidChoice', { value, allowed: allowed.join(', ') });
    return match;
  }

  /**
   * A month or a date, stored as `yyyy-MM` or `yyyy-MM-dd`: written so (a spreadsheet's date cell reads so too), or
   * the German way (`03/2027`, `03.2027`, `15.03.2027`). '' when empty.
   */
  period(column: string): string {
    const value = this.text(column, { max: 20 });
    if (!value) return '';
    const iso = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(value);
    const german = /^(?:(\d{1,2})\.)?(\d{1,2})[./](\d{4})$/.exec(value);
    const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : german ? [german[3], german[2], german[1]] : [];
    const y = Number(year);
    const m = Number(month);
    const d = day === undefined ? undefined : Number(day);
    const valid = year !== undefined && m >= 1 && m <= 12 && (d === undefined || (d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()));
    if (!valid) {
      this.problem(column, 'invalidPeriod', { value });
      return '';
    }
    const mm = String(m).padStart(2, '0');
    return d === undefined ? `${year}-${mm}` : `${year}-${mm}-${String(d).padStart(2, '0')}`;
  }

  /**
   * An amount in euros with at most two decimals: `12000`, `12000.50` or `12000,50`, with thousands separated
   * the German way (`12.000,50`) or the English way (`12,000.50`), a `€` or `EUR` around it allowed. A number
   * cell (XLSX, JSON) is taken as it is. Undefined when empty.
   */
  amount(column: string): number | undefined {
    const raw = this.cells[column];
    if (typeof raw === 'number') {
      if (Number.isFinite(raw) && raw >= 0 && raw <= LIMITS.budget && Math.abs(Math.round(raw * 100) - raw * 100) < 1e-6) return Math.round(raw * 100) / 100;
      this.problem(column, 'invalidAmount', { value: String(raw) });
      return undefined;
    }
    const value = this.text(column, { max: 30 });
    if (!value) return undefined;
    const text = value.replace(/\s|€|eur$/gi, '');
    let normal: string | undefined;
    if (/^\d+([.,]\d{1,2})?$/.test(text)) normal = text.replace(',', '.');
    else if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(text)) normal = text.replace(/\./g, '').replace(',', '.');
    else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(text)) normal = text.replace(/,/g, '');
    const amount = normal === undefined ? NaN : Number(normal);
    if (!Number.isFinite(amount) || amount > LIMITS.budget) {
      this.problem(column, 'invalidAmount', { value });
      return undefined;
    }
    return amount;
  }

  /** Yes or no (`yes`/`no`, `ja`/`nein`, `true`/`false`, `1`/`0`, `x`); empty is no. */
  yesNo(column: string): boolean {
    const value = this.text(column, { max: 10 });
    if (!value) return false;
    return this.choice(column, value, ['yes', 'no'] as const, YES_NO) === 'yes';
  }

  email(column: string, options: { required: boolean }): string {
    const value = this.text(column, { required: options.required, max: 254 });
    if (value && !EMAIL.test(value)) this.problem(column, 'invalidEmail', { value });
    return personKey(value);
  }

  /** An http(s) address, or '' when empty. */
  url(column: string, options: { required?: boolean } = {}): string {
    const value = this.text(column, { required: options.required, max: LIMITS.url });
    if (value && !isHttpUrl(value)) this.problem(column, 'invalidUrl', { value });
    return value;
  }

  /**
   * A number within `min`–`max` (JSON numbers, or text as {@link parseNumber} reads it, optionally followed by one of
   * `units`, e.g. `%` or `€`); undefined when empty or invalid.
   */
  number(column: string, options: { min: number; max: number; units?: readonly string[] }): number | undefined {
    const raw = this.cells[column];
    if (typeof raw === 'number') return this.inRange(column, raw, String(raw), options);
    const text = this.text(column, { max: 40 });
    if (text === '') return undefined;
    const unit = (options.units ?? []).find((u) => text.toLowerCase().endsWith(u.toLowerCase()));
    const value = parseNumber(unit ? text.slice(0, -unit.length) : text);
    if (value === undefined) {
      this.problem(column, 'invalidNumber', { value: text });
      return undefined;
    }
    return this.inRange(column, value, text, options);
  }

  private inRange(column: string, value: number, shown: string, { min, max }: { min: number; max: number }): number | undefined {
    if (!Number.isFinite(value) || value < min || value > max) {
      this.problem(column, 'outOfRange', { value: shown, min, max });
      return undefined;
    }
    return value;
  }
}

/**
 * A number as people write it: `120000`, `12.5`, `12,5`, `-3`, and with thousands separated by dots, commas, spaces
 * or apostrophes (`120.000`, `1.234,50`, `1,234.50`, `120 000`). A dot or comma followed by exactly three digits
 * separates thousands; undefined for anything else.
 */
export function parseNumber(text: string): number | undefined {
  const match = /^(-?)(\d{1,3}(?:([.,])\d{3})+|\d+)(?:([.,])(\d+))?$/.exec(text.trim().replace(/[\s\u00a0']/g, ''));
  if (!match) return undefined;
  const [, sign, whole, group, decimal, fraction] = match;
  if (group && decimal === group) return undefined;
  return Number(`${sign}${whole!.replace(/[.,]/g, '')}${fraction ? `.${fraction}` : ''}`);
}

/**
 * Checks a table's columns against those expected — the header row (CSV, XLSX) or each object's keys (JSON) —
 * and returns a reader for every row whose columns are right; problems for the rest go to `problems`. Returns
 * undefined when the header is wrong or there are no rows: then there is nothing to read.
 */
export function rowReaders(
  data: TabularData,
  expected: readonly string[],
  problems: ImportProblem[],
  optional: readonly string[] = [],
): { row: number; cells: Readonly<Record<string, unknown>>; reader: RowReader }[] | undefined {
  const required = expected.filter((c) => !optional.includes(c));
  const columnParams = { expected: expected.join(',') };
  const { headerRow } = data;
  if (headerRow !== undefined) {
    // CSV and XLSX: the header row must name the expected columns, each once; the `optional` ones may be left out.
    const before = problems.length;
    const header = data.header.map((h) => h.trim());
    for (const column of required) {
      if (!header.includes(column)) problems.push({ row: headerRow, column, code: 'missingColumn', params: columnParams });
    }
    header.forEach((column, i) => {
      if (!expected.includes(column)) problems.push({ row: headerRow, column, code: 'unknownColumn', params: columnParams });
      else if (header.indexOf(column) < i) problems.push({ row: headerRow, column, code: 'duplicate', params: { value: column, firstRow: headerRow } });
    });
    if (problems.length > before) return undefined;
  }
  if (data.rows.length === 0) {
    problems.push({ row: (headerRow ?? 0) + 1, column: '', code: 'noRows', params: {} });
    return undefined;
  }
  const readers: { row: number; cells: Readonly<Record<string, unknown>>; reader: RowReader }[] = [];
  for (const { row, cells } of data.rows) {
    const reader = new RowReader(row, cells, problems);
    // Cells outside the header (CSV, XLSX) or keys of their own (JSON, where each object names its keys).
    let columnsOk = true;
    for (const column of Object.keys(cells)) {
      if (!expected.includes(column)) reader.problem(column, 'unknownColumn', columnParams);
      columnsOk &&= expected.includes(column);
    }
    if (headerRow === undefined) {
      for (const column of required.filter((c) => !(c in cells))) reader.problem(column, 'missingColumn', columnParams);
      columnsOk &&= required.every((c) => c in cells);
    }
    // A row with wrong columns is not read further: its values would only repeat the problem.
    if (columnsOk) readers.push({ row, cells, reader });
  }
  return readers;
}

/** Validates rows against the columns of their kind and the stored directory; returns records and problems. */
async function validate(
  kind: DirectoryKind,
  data: TabularData,
  repos: Repositories,
): Promise<{ records: (Municipality | Person | Project)[]; keep: ReadonlyMap<number, readonly FactSheetField[]>; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const readers = rowReaders(data, COLUMNS[kind], problems, OPTIONAL_COLUMNS[kind]);
  if (!readers) return { records: [], keep: new Map(), problems };

  // Stored municipality names by key: references match ignoring case and are stored as the municipality is named.
  const municipalities = new Map((await repos.municipalities.list()).map((m) => [municipalityKey(m.name), m.name]));
  const canonical = (name: string) => municipalities.get(municipalityKey(name)) ?? name;
  const people = kind === 'projects' ? new Set((await repos.people.list()).map((p) => p.email)) : new Set<string>();
  const firstRowOfKey = new Map<string, number>();
  const firstRowOfAad = new Map<string, number>();
  const unique = (reader: RowReader, row: number, column: string, key: string, seen: Map<string, number>, shown = key) => {
    if (!key) return;
    const first = seen.get(key);
    if (first !== undefined) reader.problem(column, 'duplicate', { value: shown, firstRow: first });
    else seen.set(key, row);
  };
  const knownMunicipality = (reader: RowReader, column: string, name: string) => {
    if (name && !municipalities.has(municipalityKey(name))) reader.problem(column, 'unknownMunicipality', { value: name });
  };
  const knownPerson = (reader: RowReader, column: string, email: string) => {
    if (email && EMAIL.test(email) && !people.has(email)) reader.problem(column, 'unknownPerson', { value: email });
  };

  const records: (Municipality | Person | Project)[] = [];
  // By record: the optional columns the file does not have, whose stored values the record keeps.
  const keep = new Map<number, readonly FactSheetField[]>();
  for (const { row, cells, reader: r } of readers) {
    if (kind === 'municipalities') {
      const name = r.text('name', { required: true, max: LIMITS.name });
      unique(r, row, 'name', municipalityKey(name), firstRowOfKey, name);
      const kindText = r.text('kind', { required: true, max: 40 });
      const municipalityKind = kindText ? r.choice('kind', kindText, MUNICIPALITY_KINDS, KIND_WORDS) : undefined;
      const website = r.url('website');
      records.push({ name, kind: municipalityKind ?? 'municipality', website });
    } else if (kind === 'people') {
      const email = r.email('email', { required: true });
      unique(r, row, 'email', email, firstRowOfKey);
      const name = r.text('name', { required: true, max: LIMITS.name });
      const roles = r.list('roles', 40).map((role) => r.choice('roles', role, ROLES, ROLE_WORDS)).filter((role): role is Role => role !== undefined);
      const municipality = r.text('municipality', { max: LIMITS.name });
      knownMunicipality(r, 'municipality', municipality);
      const aadText = r.text('aad_object_id', { max: 36 });
      const aadObjectId = aadText.toLowerCase();
      if (aadObjectId && !GUID.test(aadObjectId)) r.problem('aad_object_id', 'invalidGuid', { value: aadText });
      unique(r, row, 'aad_object_id', aadObjectId, firstRowOfAad);
      records.push({ email, name, roles: roles.length > 0 ? [...new Set(roles)] : ['member'], municipality: canonical(municipality), aadObjectId });
    } else {
      const idText = r.text('id', { required: true, max: 64 });
      const id = idText.toLowerCase();
      if (id && !PROJECT_ID.test(id)) r.problem('id', 'invalidId', { value: idText });
      unique(r, row, 'id', id, firstRowOfKey);
      const title = r.text('title', { required: true, max: LIMITS.title });
      const aliases = r.list('aliases', LIMITS.alias);
      const field = r.text('field', { required: true, max: LIMITS.field });
      const lead = r.text('lead', { required: true, max: LIMITS.name });
      knownMunicipality(r, 'lead', lead);
      const participants = r.list('participants', LIMITS.name);
      for (const participant of participants) knownMunicipality(r, 'participants', participant);
      const owner = r.email('owner', { required: false });
      knownPerson(r, 'owner', owner);
      const deputy = r.email('deputy', { required: false });
      knownPerson(r, 'deputy', deputy);
      if (deputy && deputy === owner) r.problem('deputy', 'sameAsOwner', { value: deputy });
      const phaseText = r.text('phase', { required: true, max: 40 });
      const phase = phaseText ? r.choice('phase', phaseText, PHASES, PHASE_WORDS) : undefined;
      const summary = r.text('summary', { max: LIMITS.summary });
      const project = { id, title, aliases, field, lead: canonical(lead), participants: participants.map(canonical), owner, deputy, phase: phase ?? 'idea', summary };
      const goals = r.text('goals', { max: LIMITS.summary });
      const priorityText = r.text('priority', { max: 40 });
      const priority = priorityText ? r.choice('priority', priorityText, PRIORITIES, PRIORITY_WORDS) : undefined;
      const start = r.period('start');
      const end = r.period('end');
      // A month and a date in it are no contradiction (`2027-03` … `2027-03-15`).
      if (start && end && end.localeCompare(start) < 0 && !start.startsWith(end)) r.problem('end', 'endBeforeStart', { value: end, start });
      const indicators = r.text('indicators', { max: LIMITS.summary });
      const facts = { goals, priority, start, end, indicators, budget: r.amount('budget'), public: r.yesNo('public') };
      records.push(withFactSheet(project, facts));
      keep.set(records.length - 1, FACT_SHEET_FIELDS.filter((f) => !(f in cells)));
    }
  }
  return { records, keep, problems };
}

/**
 * Imports one kind of directory data. Every row is checked first; if anything is wrong nothing is written
 * and every problem is returned. Otherwise the rows are upserted by key (municipality name, e-mail, project
 * id) and counted as created, updated or unchanged. A dry run checks and counts but writes nothing.
 * An empty `aad_object_id` keeps the id the bot already learned from Teams; a project's fact-sheet column the file
 * does not have keeps its stored value.
 */
export async function importDirectory(repos: Repositories, kind: DirectoryKind, data: TabularData, options: { dryRun: boolean }): Promise<ImportResult> {
  const { records, keep, problems } = await validate(kind, data, repos);
  if (problems.length > 0) return { ok: false, problems };

  const existing = new Map<string, Municipality | Person | Project>();
  for (const item of await listKind(repos, kind)) existing.set(keyOf(kind, item), item);
  const toWrite: (Municipality | Person | Project)[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [index, given] of records.entries()) {
    let record = given;
    const before = existing.get(keyOf(kind, record));
    if (kind === 'people' && before && !(record as Person).aadObjectId) record = { ...(record as Person), aadObjectId: (before as Person).aadObjectId };
    const kept = keep.get(index) ?? [];
    if (kind === 'projects' && before && kept.length > 0) {
      const stored = before as Project;
      record = withFactSheet(record as Project, { ...(record as Project), ...Object.fromEntries(kept.map((f) => [f, stored[f]])) });
    }
    if (!before) created++;
    else if (sameRecord(before, record)) {
      unchanged++;
      continue;
    } else updated++;
    toWrite.push(record);
  }
  if (!options.dryRun && toWrite.length > 0) {
    if (kind === 'municipalities') await repos.municipalities.upsert(toWrite as Municipality[]);
    else if (kind === 'people') await repos.people.upsert(toWrite as Person[]);
    else await repos.projects.upsert(toWrite as Project[]);
  }
  return { ok: true, dryRun: options.dryRun, created, updated, unchanged };
}

/** Every stored record of a kind as rows with the import columns; lists stay lists. */
export async function exportDirectory(repos: Repositories, kind: DirectoryKind): Promise<Record<string, string | string[]>[]> {
  const items = await listKind(repos, kind);
  return items.map((item): Record<string, string | string[]> => {
    if (kind === 'municipalities') {
      const m = item as Municipality;
      return { name: m.name, kind: m.kind, website: m.website };
    }
    if (kind === 'people') {
      const p = item as Person;
      return { email: p.email, name: p.name, roles: [...p.roles], municipality: p.municipality, aad_object_id: p.aadObjectId };
    }
    const p = item as Project;
    return {
      id: p.id,
      title: p.title,
      aliases: [...p.aliases],
      field: p.field,
      lead: p.lead,
      participants: [...p.participants],
      owner: p.owner,
      deputy: p.deputy,
      phase: p.phase,
      summary: p.summary,
      ...factSheetTexts(p),
      public: p.public ? 'yes' : 'no',
    };
  });
}

async function listKind(repos: Repositories, kind: DirectoryKind): Promise<(Municipality | Person | Project)[]> {
  if (kind === 'municipalities') return repos.municipalities.list();
  if (kind === 'people') return repos.people.list();
  return repos.projects.list();
}

function keyOf(kind: DirectoryKind, item: Municipality | Person | Project): string {
  if (kind === 'municipalities') return municipalityKey((item as Municipality).name);
  if (kind === 'people') return personKey((item as Person).email);
  return (item as Project).id;
}

function sameRecord(a: object, b: object): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

/** True for an absolute http or https address. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

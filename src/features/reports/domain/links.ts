import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Locale } from '../../../platform/config';

/**
 * Download links of reports: `/reports/{id}.{html|xlsx|png}?key=…`. Whoever has the link may download the report
 * until it expires; the key is random (256 bits) and stored only as its SHA-256 hash, compared in constant time. A
 * wrong or missing key, an unknown id and an expired link get the same answer (nothing), so the answer says
 * nothing about which reports exist. The link stores what the report was made of (period, time, language), not
 * the report: a download builds it again from the tables, with the status updates up to the time it was made.
 */
export interface ReportLink {
  /** 16 hexadecimal digits. */
  readonly id: string;
  /** SHA-256 of the key, hexadecimal. */
  readonly keyHash: string;
  readonly since: Date;
  /** The time the report shows the state at. */
  readonly asOf: Date;
  readonly expiresAt: Date;
  readonly locale: Locale;
  /** E-mail of the coordinator who asked for it. */
  readonly createdBy: string;
}

/** Stored report links. */
export interface ReportLinkRepository {
  save(link: ReportLink): Promise<void>;
  get(id: string): Promise<ReportLink | undefined>;
  /** Removes the links expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

export const LINK_ID = /^[0-9a-f]{16}$/;
/** Keys are base64url, 43 characters for 256 bits; anything longer is not read. */
const MAX_KEY_LENGTH = 64;

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new link with its key (the key is given to the person, only its hash is stored). */
export function newLink(fields: Omit<ReportLink, 'id' | 'keyHash'>): { link: ReportLink; key: string } {
  const key = randomBytes(32).toString('base64url');
  return { link: { id: randomBytes(8).toString('hex'), keyHash: hash(key), ...fields }, key };
}

/** The link when `key` opens it at `now`; undefined for an unknown id, a wrong key or an expired link. */
export async function openLink(links: ReportLinkRepository, id: string, key: string, now: Date): Promise<ReportLink | undefined> {
  if (!LINK_ID.test(id) || key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
  const link = await links.get(id);
  if (!link || now.getTime() >= link.expiresAt.getTime()) return undefined;
  return timingSafeEqual(Buffer.from(hash(key), 'hex'), Buffer.from(link.keyHash, 'hex')) ? link : undefined;
}

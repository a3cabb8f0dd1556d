import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { KeyScope } from '../../core/caller';
import { Db } from '../../db/sql';


export interface ApiKeyRecord {
  id: number;
  name: string;
  /** The visible part (`csk_<prefix>_…`) that finds a key without storing it. */
  prefix: string;
  hash: string;
  scopes: KeyScope[];
  /** Own budget in points per minute; null takes the server default. */
  ratePointsPerMinute: number | null;
  createdAt: Date;
  revokedAt: Date | null;
}

interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  hash: string;
  scopes: string[];
  rate_points_per_minute: number | null;
  created_at: Date;
  revoked_at: Date | null;
}

const columns = 'id, name, prefix, hash, scopes, rate_points_per_minute, created_at, revoked_at';

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: Number(row.id),
    name: row.name,
    prefix: row.prefix,
    hash: row.hash,
    scopes: row.scopes as KeyScope[],
    ratePointsPerMinute: row.rate_points_per_minute,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** `csk_` + 8 lowercase letters or digits + `_` + 32 random bytes in base64url (43 characters). */
const keyPattern = /^csk_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const prefixAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The prefix of a well-formed key, or undefined for anything else (no lookup is made for those). */
export function keyPrefixOf(key: string): string | undefined {
  return keyPattern.exec(key)?.[1];
}

/** Compares in constant time, so response timing says nothing about the stored hash. */
export function keyMatches(key: string, record: Pick<ApiKeyRecord, 'hash'>): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(record.hash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  // Bytes from 252 up are skipped (252 = 7 × 36), so every prefix character is equally likely.
  let prefix = '';
  while (prefix.length < 8) {
    for (const byte of randomBytes(16)) {
      if (byte < 252 && prefix.length < 8) prefix += prefixAlphabet[byte % 36];
    }
  }
  const key = `csk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export interface NewApiKey {
  name: string;
  scopes: KeyScope[];
  ratePointsPerMinute?: number | null;
}

/** Stores a new key's hash and returns the key itself: the only time it is ever seen. */
export async function createApiKey(db: Db, input: NewApiKey): Promise<{ record: ApiKeyRecord; key: string }> {
  for (let attempt = 0; ; attempt += 1) {
    const { key, prefix, hash } = generateApiKey();
    const rows = await db.query<ApiKeyRow>(
      `INSERT INTO api_key (name, prefix, hash, scopes, rate_points_per_minute) VALUES ($1, $2, $3, $4::text[], $5)
       ON CONFLICT (prefix) DO NOTHING RETURNING ${columns}`,
      [input.name, prefix, hash, input.scopes, input.ratePointsPerMinute ?? null],
    );
    // 36^8 prefixes make a collision rare; a few retries make it impossible in practice.
    if (rows.length === 1) return { record: toRecord(rows[0]), key };
    if (attempt >= 5) throw new Error('could not find a free key prefix');
  }
}

export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  return (await db.query<ApiKeyRow>(`SELECT ${columns} FROM api_key ORDER BY id`)).map(toRecord);
}

/** Revokes a key by id or prefix; undefined when none matches. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Db, idOrPrefix: string): Promise<ApiKeyRecord | undefined> {
  const byId = /^\d+$/.test(idOrPrefix);
  const rows = await db.query<ApiKeyRow>(
    `UPDATE api_key SET revoked_at = COALESCE(revoked_at, now()) WHERE ${byId ? 'id = $1::bigint' : 'prefix = $1'} RETURNING ${columns}`,
    [idOrPrefix],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** Keys by prefix, in one statement (the per-process key cache refreshes through this). */
export async function findApiKeysByPrefix(db: Db, prefixes: string[]): Promise<ApiKeyRecord[]> {
  if (prefixes.length === 0) return [];
  return (await db.query<ApiKeyRow>(`SELECT ${columns} FROM api_key WHERE prefix = ANY($1::text[])`, [prefixes])).map(toRecord);
}

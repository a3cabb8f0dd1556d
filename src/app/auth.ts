import { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import { LRUCache } from 'lru-cache';
import proxyaddr from 'proxy-addr';
import { Db } from '../db/sql';
import { allScopes, Caller, KeyScope, unlimitedCaller } from '../core/caller';
import { ApiKeyRecord, findApiKeysByPrefix, keyMatches, keyPrefixOf } from '../domains/keys/key.service';
import { databaseFault, databaseFaultError } from './db-faults';
import { CascadeError } from '../core/errors';

export interface AuthOptions {
  /** Refuse anonymous callers (CASCADE_REQUIRE_KEYS=1). */
  requireKeys?: boolean;
  /** Budgets per minute; null turns budgets off. */
  keyPointsPerMinute?: number | null;
  anonymousPointsPerMinute?: number | null;
  /** CASCADE_TRUST_PROXY: which proxies may name the client address. */
  trustProxy?: string;
  /** How long a key lookup is trusted before it is refreshed (revocation delay). */
  keyCacheTtlMs?: number;
}

/** Anonymous local use may do everything; keys are required for anything exposed. */

/**
 * A cached lookup: the key's row, or nothing stored under that prefix, and when the database
 * was last asked (`checkedAtMs`, also on a failed ask, so an outage does not make every request
 * wait on it).
 */
type KeyEntry = ({ record: ApiKeyRecord } | { record: undefined }) & { checkedAtMs: number };

function trustFunction(setting: string | undefined): (address: string, hop: number) => boolean {
  const value = (setting ?? '').trim();
  if (value === '') return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(value.split(',').map((part) => part.trim()));
}

/**
 * The address a budget is kept for. IPv6 callers are grouped by /64, the block one subscriber
 * usually holds, so rotating addresses inside it does not buy a fresh budget.
 */
export function addressBucket(address: string): string {
  const plain = address.startsWith('::ffff:') && !address.slice(7).includes(':') ? address.slice(7) : address;
  if (!isIPv6(plain)) return plain;
  const [head, tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The key a request presents: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function presentedKey(headers: Record<string, unknown>): string | undefined {
  const authorization = headers.authorization ?? headers.Authorization;
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new CascadeError('UNAUTHENTICATED', 'The Authorization header must be `Bearer <key>`.');
    return match[1];
  }
  const apiKey = headers['x-api-key'] ?? headers.apiKey;
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : undefined;
}

/**
 * Checks keys against an in-process cache, so a request rarely waits on the database. No
 * answer older than the TTL is used: keys in use are re-read together every half TTL (one
 * statement), and a key idle for longer is re-read on its next request. A key revoked is
 * therefore refused everywhere within one TTL; while the database is away the last answer is
 * kept.
 */
export class Authenticator {
  private readonly cache: LRUCache<string, KeyEntry>;
  private readonly used = new Set<string>();
  private readonly trust: (address: string, hop: number) => boolean;
  private readonly ttlMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly options: AuthOptions = {},
  ) {
    const ttlMs = options.keyCacheTtlMs ?? 10_000;
    this.ttlMs = ttlMs;
    this.trust = trustFunction(options.trustProxy);
    this.cache = new LRUCache<string, KeyEntry>({
      max: 10_000,
      // Entries outlive the TTL so a failed re-read keeps them (`checkedAtMs` decides when one is
      // too old to answer from); unused ones expire.
      ttl: ttlMs * 3,
      // The refresh `set`s every key in use, which aborts a first lookup still in flight for one
      // of them; an aborted fetch would answer "no such key" (a fresh key refused with 401). The
      // lookup's own answer stands instead.
      ignoreFetchAbort: true,
      fetchMethod: async (prefix, stale) => {
        const checkedAtMs = Date.now();
        try {
          return { record: (await findApiKeysByPrefix(this.db, [prefix]))[0], checkedAtMs };
        } catch (error) {
          // The database away: the last answer is kept; a key never seen gets the fault (503),
          // not "unknown" (lru-cache's allowStaleOnFetchRejection would answer undefined).
          if (stale) return { ...stale, checkedAtMs };
          throw error;
        }
      },
    });
    // Every half TTL, so a key in steady use never has to wait for its own re-read.
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), Math.max(1, Math.floor(ttlMs / 2)));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get requireKeys(): boolean {
    return this.options.requireKeys ?? false;
  }

  /** The client's address: the socket's, or what trusted proxies say in X-Forwarded-For. */
  clientAddress(req: IncomingMessage): string {
    try {
      return proxyaddr(req, this.trust);
    } catch {
      return req.socket.remoteAddress ?? 'unknown';
    }
  }

  /** Re-reads every key used since the last refresh, in one statement. */
  async refresh(): Promise<void> {
    const prefixes = [...this.used];
    this.used.clear();
    if (prefixes.length === 0) return;
    const checkedAtMs = Date.now();
    const found = new Map((await findApiKeysByPrefix(this.db, prefixes)).map((r) => [r.prefix, r]));
    for (const prefix of prefixes) this.cache.set(prefix, { record: found.get(prefix), checkedAtMs });
  }

  /** Whether a key with this prefix is already known (true or false) without asking the database. */
  knows(prefix: string): boolean {
    return this.cache.has(prefix);
  }

  private async lookup(prefix: string): Promise<KeyEntry> {
    this.used.add(prefix);
    const cached = this.cache.peek(prefix);
    const tooOld = cached !== undefined && Date.now() - cached.checkedAtMs >= this.ttlMs;
    try {
      return (await this.cache.fetch(prefix, { forceRefresh: tooOld })) ?? { record: undefined, checkedAtMs: Date.now() };
    } catch (error) {
      throw databaseFaultError(databaseFault(error) ?? 'unavailable');
    }
  }

  /** The caller a key (or none) stands for; UNAUTHENTICATED for a bad key, or for none when keys are required. */
  async identify(key: string | undefined, address: string): Promise<Caller> {
    if (key === undefined) {
      if (this.requireKeys) throw new CascadeError('UNAUTHENTICATED', 'This server requires an API key: send `Authorization: Bearer <key>` or `x-api-key`.');
      return { anonymous: true, scopes: allScopes, bucket: `addr:${addressBucket(address)}`, budgetPerMinute: this.options.anonymousPointsPerMinute ?? null };
    }
    const prefix = keyPrefixOf(key);
    if (!prefix) throw new CascadeError('UNAUTHENTICATED', 'The API key is malformed (keys look like csk_<8 characters>_<43 characters>).');
    const { record } = await this.lookup(prefix);
    if (!record || !keyMatches(key, record)) throw new CascadeError('UNAUTHENTICATED', 'The API key is not known.');
    if (record.revokedAt) throw new CascadeError('UNAUTHENTICATED', 'The API key was revoked.');
    return {
      anonymous: false,
      keyId: record.id,
      keyPrefix: record.prefix,
      scopes: new Set(record.scopes),
      bucket: `key:${record.id}`,
      // With budgets off (no default) a key's own rate is not enforced either.
      budgetPerMinute: this.options.keyPointsPerMinute == null ? null : (record.ratePointsPerMinute ?? this.options.keyPointsPerMinute),
    };
  }
}

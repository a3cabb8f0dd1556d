/**
 * Who is calling and what they may spend: the vocabulary the access layer (src/app/auth.ts,
 * src/app/rate-limit.ts) produces and domains read (`Context.caller`, `Context.budget`). It lives
 * at the bottom so a domain can name a caller without importing the server that identifies one.
 */

/** What a key may do: `read` queries, `stream` subscriptions, `admin` operator fields. */
export const keyScopes = ['read', 'stream', 'admin'] as const;
export type KeyScope = (typeof keyScopes)[number];

/** Every scope: what an anonymous caller of a server without keys may do. */
export const allScopes: ReadonlySet<KeyScope> = new Set(keyScopes);

/** Who is calling, as every resolver and the limits see it. */
export interface Caller {
  anonymous: boolean;
  keyId?: number;
  /** The visible part of the key (`csk_<prefix>_…`), for logs and `viewer`. */
  keyPrefix?: string;
  scopes: ReadonlySet<KeyScope>;
  /** Whose budget this request spends: `key:<id>` or `addr:<client address>`. */
  bucket: string;
  /** Points per minute, or null when budgets are off. */
  budgetPerMinute: number | null;
}

/** The caller of a server with no authentication set up (tools, tests): anonymous and unlimited. */
export function unlimitedCaller(address = 'local'): Caller {
  return { anonymous: true, scopes: allScopes, bucket: `addr:${address}`, budgetPerMinute: null };
}

/** A caller's per-minute budget as it stands. */
export interface BudgetState {
  /** Points per minute, or null when budgets are off. */
  limit: number | null;
  remaining: number | null;
  /** Seconds until the current window ends and the budget is whole again. */
  resetSeconds: number;
}

import { BudgetState } from '../core/caller';
import { Db } from '../db/sql';

/**
 * Per-minute budgets shared by every API process on one database. Each process admits and
 * counts spend in memory; once a second it adds its unsent spend to `rate_limit_usage` and
 * reads back each caller's total across processes, in one statement. The only round trip on
 * the request path is the first request of a caller a process has not seen in this window,
 * which reads the caller's total (`prime`): a process joining a minute late starts from what
 * the others spent, not from zero. Windows are whole UTC minutes, so every process agrees on them.
 *
 * How far the sharing can overshoot: a process's view of the others' spend is at most one
 * reconciliation old, so the total can exceed a budget by at most what the other processes
 * admitted in the last two reconciliation periods (the view's age, and the others' own
 * unsent spend) — about (processes − 1) × spend per two periods, and never more than
 * (processes − 1) × what was left at the last reconciliation (docs/security.md).
 */


export interface ChargeResult extends BudgetState {
  allowed: boolean;
}

export interface BudgetOptions {
  enabled?: boolean;
  windowMs?: number;
  syncMs?: number;
  now?: () => number;
  onSyncError?: (error: unknown) => void;
}

interface WindowUsage {
  windowStart: number;
  /** Everyone's spend in this window as the database last reported it (ours included). */
  shared: number;
  /** Spend admitted here and not yet sent. */
  pending: number;
  /** Spend being sent right now. */
  sending: number;
  /** Whether `shared` came from the database (a first read or a reconciliation) in this window. */
  known: boolean;
}

const syncSql = `
WITH incoming AS (
  SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::bigint[]) AS i(bucket_key, window_start, points)
),
written AS (
  INSERT INTO rate_limit_usage AS u (bucket_key, window_start, points)
  SELECT bucket_key, window_start, points FROM incoming WHERE points > 0
  ON CONFLICT (bucket_key, window_start) DO UPDATE SET points = u.points + EXCLUDED.points
  RETURNING bucket_key, window_start, points
)
SELECT i.bucket_key, i.window_start, COALESCE(w.points, u.points, 0)::bigint AS points
FROM incoming i
LEFT JOIN written w ON w.bucket_key = i.bucket_key AND w.window_start = i.window_start
LEFT JOIN rate_limit_usage u ON u.bucket_key = i.bucket_key AND u.window_start = i.window_start`;

/** Windows older than this are deleted (once a minute): nothing reads them. */
const keepWindowsMs = 10 * 60_000;

export class SharedBudgets {
  readonly enabled: boolean;
  private readonly windowMs: number;
  private readonly syncMs: number;
  private readonly now: () => number;
  private readonly usage = new Map<string, WindowUsage>();
  /** Spend of windows that ended before it was sent: flushed at the next sync. */
  private leftovers: Array<{ bucket: string; windowStart: number; points: number }> = [];
  private timer?: NodeJS.Timeout;
  private syncing?: Promise<void>;
  /** First reads in flight, by window and caller: concurrent first requests share one. */
  private readonly priming = new Map<string, Promise<void>>();
  /** The last reconciliation failed: first reads are skipped rather than wait on a dead database. */
  private databaseAway = false;
  private lastCleanup = 0;

  constructor(
    private readonly db: Db | undefined,
    private readonly options: BudgetOptions = {},
  ) {
    this.enabled = (options.enabled ?? true) && db !== undefined;
    this.windowMs = options.windowMs ?? 60_000;
    this.syncMs = options.syncMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Starts the periodic reconciliation (unref'd: it never keeps a process alive). */
  start(): this {
    if (this.enabled && !this.timer) {
      this.timer = setInterval(() => void this.sync(), this.syncMs);
      this.timer.unref();
    }
    return this;
  }

  /** Stops reconciling after sending what is still unsent. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sync();
  }

  private current(bucket: string): WindowUsage {
    const windowStart = Math.floor(this.now() / this.windowMs) * this.windowMs;
    let entry = this.usage.get(bucket);
    if (entry && entry.windowStart !== windowStart) {
      // Spend being sent is the in-flight sync's business; only the unsent part is carried.
      if (entry.pending > 0) this.leftovers.push({ bucket, windowStart: entry.windowStart, points: entry.pending });
      entry = undefined;
    }
    if (!entry) {
      entry = { windowStart, shared: 0, pending: 0, sending: 0, known: false };
      this.usage.set(bucket, entry);
    }
    return entry;
  }

  private state(entry: WindowUsage, limit: number): BudgetState {
    const used = entry.shared + entry.sending + entry.pending;
    return { limit, remaining: Math.max(0, limit - used), resetSeconds: Math.max(1, Math.ceil((entry.windowStart + this.windowMs - this.now()) / 1000)) };
  }

  /** The budget left, without spending any. */
  peek(bucket: string, limit: number | null): BudgetState {
    if (!this.enabled || limit === null) return { limit: null, remaining: null, resetSeconds: 0 };
    return this.state(this.current(bucket), limit);
  }

  /** Spends `points` if they fit in what is left this minute; otherwise spends nothing. */
  charge(bucket: string, limit: number | null, points: number): ChargeResult {
    if (!this.enabled || limit === null) return { allowed: true, limit: null, remaining: null, resetSeconds: 0 };
    const entry = this.current(bucket);
    const before = this.state(entry, limit);
    if (points > before.remaining!) return { ...before, allowed: false };
    entry.pending += points;
    return { ...this.state(entry, limit), allowed: true };
  }

  /**
   * Reads the caller's shared total if this process has not yet seen it in this window: one
   * statement on a caller's first request per window, none after. A failure leaves the caller
   * limited locally until the next reconciliation.
   */
  async prime(bucket: string, limit: number | null): Promise<void> {
    if (!this.enabled || limit === null) return;
    const entry = this.current(bucket);
    if (entry.known) return;
    if (this.databaseAway) {
      entry.known = true;
      return;
    }
    const key = `${entry.windowStart}\u0000${bucket}`;
    let read = this.priming.get(key);
    if (!read) {
      read = this.readShared(bucket, entry).finally(() => this.priming.delete(key));
      this.priming.set(key, read);
    }
    await read;
  }

  private async readShared(bucket: string, entry: WindowUsage): Promise<void> {
    try {
      const rows = await this.db!.query<{ points: string }>('SELECT points FROM rate_limit_usage WHERE bucket_key = $1 AND window_start = $2', [
        bucket,
        new Date(entry.windowStart),
      ]);
      // Our own unsent spend is not in the row; spend being sent may be, counted twice until the
      // reconciliation answers (on the safe side).
      entry.shared = Math.max(entry.shared, Number(rows[0]?.points ?? 0));
    } catch (error) {
      this.options.onSyncError?.(error);
    }
    entry.known = true;
  }

  /** Sends unsent spend and reads back the totals: one statement. Never overlaps itself. */
  sync(): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    this.syncing ??= this.reconcile().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async reconcile(): Promise<void> {
    const windowStart = Math.floor(this.now() / this.windowMs) * this.windowMs;
    for (const [bucket, entry] of this.usage) {
      // Touching rolls an ended window's unsent spend into the leftovers; idle buckets go.
      if (entry.windowStart !== windowStart) {
        this.current(bucket);
        this.usage.delete(bucket);
      }
    }
    const leftovers = this.leftovers;
    this.leftovers = [];
    const active = [...this.usage.entries()];
    if (active.length === 0 && leftovers.length === 0) return;
    for (const [, entry] of active) {
      entry.sending = entry.pending;
      entry.pending = 0;
    }
    // One row per caller and window: an upsert may not touch the same row twice.
    const merged = new Map<string, { bucket: string; windowStart: number; points: number }>();
    for (const row of [...active.map(([bucket, e]) => ({ bucket, windowStart: e.windowStart, points: e.sending })), ...leftovers]) {
      const key = `${row.windowStart}\u0000${row.bucket}`;
      const seen = merged.get(key);
      if (seen) seen.points += row.points;
      else merged.set(key, { ...row });
    }
    const rows = [...merged.values()];
    try {
      const totals = await this.db!.query<{ bucket_key: string; window_start: Date; points: number }>(syncSql, [
        rows.map((r) => r.bucket),
        rows.map((r) => new Date(r.windowStart)),
        rows.map((r) => r.points),
      ]);
      for (const total of totals) {
        const entry = this.usage.get(total.bucket_key);
        if (entry && entry.windowStart === total.window_start.getTime()) {
          entry.shared = Math.max(entry.shared, Number(total.points));
          entry.known = true;
        }
      }
      this.databaseAway = false;
      for (const [, entry] of active) entry.sending = 0;
      await this.cleanup();
    } catch (error) {
      // The database is away: keep the spend to send next time and go on limiting locally.
      for (const [bucket, entry] of active) {
        if (this.usage.get(bucket) === entry) {
          entry.pending += entry.sending;
          entry.sending = 0;
        } else if (entry.sending > 0) this.leftovers.push({ bucket, windowStart: entry.windowStart, points: entry.sending });
      }
      this.leftovers.push(...leftovers);
      this.databaseAway = true;
      this.options.onSyncError?.(error);
    }
  }

  private async cleanup(): Promise<void> {
    const now = this.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    await this.db!.query('DELETE FROM rate_limit_usage WHERE window_start < $1', [new Date(now - keepWindowsMs)]);
  }
}

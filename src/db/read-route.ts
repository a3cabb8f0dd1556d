import { Db } from './sql';

export type ReadTarget = 'standby' | 'primary';

export interface ReplicationStatus {
  /** The standby's host:port (no credentials). */
  standby: string;
  /** Where request reads go now. */
  readsFrom: ReadTarget;
  /** False when the standby did not answer the probe. */
  standbyReachable: boolean;
  /** WAL the standby has still to replay: the primary's current LSN minus the standby's replay LSN. */
  lagBytes: number | null;
  /** 0 when the standby has replayed everything; otherwise the age of the last transaction it replayed. */
  lagSeconds: number | null;
}

export interface ReadRouteOptions {
  /** How long reads stay on the primary after the standby failed before one tries it again (default 1 s). */
  retryStandbyMs?: number;
  /** Told when reads move from one server to the other. */
  onSwitch?: (to: ReadTarget, error?: Error) => void;
}

/** Connection failures and server states after which the same read can only succeed elsewhere. */
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '53300']);

function standbyUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  // pg's own errors for a lost or unobtainable connection carry no code.
  return typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection ended unexpectedly|server closed the connection/i.test(message);
}

/** A statement the standby cancelled so that replay could go on: it would succeed on the primary. */
function recoveryConflict(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '40001' && typeof message === 'string' && /conflict with recovery/.test(message);
}

/** An LSN ('16/B374D848') as a number of bytes: exact up to 2^53, 8 PiB of WAL. */
function lsnBytes(lsn: string): number {
  const [high, low] = lsn.split('/');
  return parseInt(high, 16) * 2 ** 32 + parseInt(low, 16);
}

/**
 * Request reads on a streaming standby, with the primary behind it: a read the standby cannot
 * answer (it is down, restarting, refusing connections, or cancelled the statement for replay)
 * runs on the primary instead, and reads stay there for `retryStandbyMs` before the standby is
 * tried again, so a standby that went away costs each request at most one failed attempt and
 * one that came back gets its reads within that time. SQL errors are not retried: the primary
 * would give the same. A standby answers what it has replayed, up to `lagSeconds` behind the
 * primary; writes never come here.
 */
export class ReadRoute {
  /** Statements answered by each server since start (both counted once per statement). */
  readonly reads: Record<ReadTarget, number> = { standby: 0, primary: 0 };
  private standbyDownUntil = 0;
  private current: ReadTarget = 'standby';
  private readonly retryStandbyMs: number;

  constructor(
    private readonly standby: Db,
    private readonly primary: Db,
    private readonly options: ReadRouteOptions = {},
  ) {
    this.retryStandbyMs = options.retryStandbyMs ?? 1000;
  }

  /** Where the next read goes. */
  get target(): ReadTarget {
    return Date.now() < this.standbyDownUntil ? 'primary' : 'standby';
  }

  /** The routed reads as a Db (its pool, for gauges and per-pool caches, is the standby's). */
  get db(): Db {
    return this.routed(this.standby, this.primary);
  }

  /** Where reads go and how far the standby trails the primary (/readyz, /metrics). */
  async status(): Promise<ReplicationStatus> {
    const standbySql = `SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replayed,
      extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_replay`;
    const [standby, primary] = await Promise.all([
      this.standby.query<{ recovery: boolean; replayed: string | null; since_replay: number | null }>(standbySql).then((rows) => rows[0], () => undefined),
      this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn').then((rows) => rows[0], () => undefined),
    ]);
    const base = { standby: this.standbyAddress(), readsFrom: this.target };
    if (!standby) return { ...base, standbyReachable: false, lagBytes: null, lagSeconds: null };
    // A read URL that reaches a primary (not in recovery) is never behind.
    if (!standby.recovery) return { ...base, standbyReachable: true, lagBytes: 0, lagSeconds: 0 };
    if (!primary || !standby.replayed) return { ...base, standbyReachable: true, lagBytes: null, lagSeconds: null };
    const lagBytes = Math.max(0, lsnBytes(primary.lsn) - lsnBytes(standby.replayed));
    return { ...base, standbyReachable: true, lagBytes, lagSeconds: lagBytes === 0 ? 0 : Math.max(0, standby.since_replay ?? 0) };
  }

  private standbyAddress(): string {
    const { connectionString, host, port } = this.standby.pool.options;
    if (connectionString) {
      const url = new URL(connectionString);
      return `${url.hostname}:${url.port || 5432}`;
    }
    return `${host ?? 'localhost'}:${port ?? 5432}`;
  }

  private routed(standby: Db, primary: Db): Db {
    return {
      pool: standby.pool,
      query: (text, params) => this.run(() => standby.query(text, params), () => primary.query(text, params)),
      transaction: (work) => this.run(() => standby.transaction(work), () => primary.transaction(work)),
      prepared: () => this.routed(standby.prepared?.() ?? standby, primary.prepared?.() ?? primary),
    };
  }

  private async run<T>(onStandby: () => Promise<T>, onPrimary: () => Promise<T>): Promise<T> {
    if (this.target === 'standby') {
      try {
        const result = await onStandby();
        this.reads.standby += 1;
        this.switchTo('standby');
        return result;
      } catch (error) {
        const conflict = recoveryConflict(error);
        if (!conflict && !standbyUnavailable(error)) throw error;
        // A cancelled statement says nothing about the next one; a lost standby does.
        if (!conflict) {
          this.standbyDownUntil = Date.now() + this.retryStandbyMs;
          this.switchTo('primary', error as Error);
        }
      }
    }
    const result = await onPrimary();
    this.reads.primary += 1;
    return result;
  }

  private switchTo(target: ReadTarget, error?: Error): void {
    if (target === this.current) return;
    this.current = target;
    this.options.onSwitch?.(target, error);
  }
}

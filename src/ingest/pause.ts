import { Db } from '../db/sql';

export interface Pause {
  untilMs: number;
  reason: string;
}

/** How long a process trusts its last read of a source's pause (a new pause is seen within this). */
const cacheMs = 1_000;

/**
 * A source's pause as every worker sees it (table source_pause): recorded by whichever process
 * the venue told to stop, read (at most once a second per process) before every call. A pause
 * only ever lengthens: a later, shorter Retry-After never shortens a ban.
 */
export class SharedPause {
  private cached: { readAtMs: number; pause: Pause | null } | null = null;

  constructor(
    private readonly db: Db,
    readonly source: string,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<Pause | null> {
    if (this.cached && this.now() - this.cached.readAtMs < cacheMs) return this.cached.pause;
    const [row] = await this.db.query<{ until: Date; reason: string }>(
      'SELECT paused_until AS until, reason FROM source_pause WHERE source = $1 AND paused_until > now()',
      [this.source],
    );
    const pause = row ? { untilMs: row.until.getTime(), reason: row.reason } : null;
    this.cached = { readAtMs: this.now(), pause };
    return pause;
  }

  async record(untilMs: number, reason: string): Promise<void> {
    await this.db.query(
      `INSERT INTO source_pause (source, paused_until, reason) VALUES ($1, $2, $3)
       ON CONFLICT (source) DO UPDATE SET
         reason = CASE WHEN EXCLUDED.paused_until > source_pause.paused_until OR source_pause.paused_until <= now() THEN EXCLUDED.reason ELSE source_pause.reason END,
         paused_until = CASE WHEN source_pause.paused_until <= now() THEN EXCLUDED.paused_until ELSE greatest(source_pause.paused_until, EXCLUDED.paused_until) END,
         recorded_at = now()`,
      [this.source, new Date(untilMs), reason],
    );
    this.cached = null;
  }
}

/** Every source's pause still in force, for the status view. */
export async function activePauses(db: Db): Promise<Map<string, Pause>> {
  const rows = await db.query<{ source: string; until: Date; reason: string }>('SELECT source, paused_until AS until, reason FROM source_pause WHERE paused_until > now()');
  return new Map(rows.map((r) => [r.source, { untilMs: r.until.getTime(), reason: r.reason }]));
}

import { Db } from '../db/sql';

/**
 * Resume points of one (source, dataset). `advance` never moves a watermark back, so a late,
 * overlapping or re-run page cannot rewind a job.
 */
export class Watermarks {
  constructor(
    private readonly db: Db,
    readonly source: string,
    readonly dataset: string,
  ) {}

  async get(scope = ''): Promise<Date | null> {
    const [row] = await this.db.query<{ watermark: Date }>(
      'SELECT watermark FROM ingestion_watermark WHERE source = $1 AND dataset = $2 AND scope = $3',
      [this.source, this.dataset, scope],
    );
    return row?.watermark ?? null;
  }

  async advance(scope: string, watermark: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO ingestion_watermark (source, dataset, scope, watermark) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source, dataset, scope) DO UPDATE
         SET watermark = GREATEST(ingestion_watermark.watermark, EXCLUDED.watermark), updated_at = now()`,
      [this.source, this.dataset, scope, watermark],
    );
  }

  /**
   * Where a pull over `window` should start. A watermark inside the window (or at its end)
   * means an earlier run of it got that far: resume there, minus an overlap (venues revise
   * their latest rows; re-reading them is free thanks to natural-key upserts). Otherwise — a
   * first run, or a deliberate backfill of an older window — start at `window.from`.
   */
  async resumeFrom(scope: string, window: { from: Date; to: Date }, overlapMs: number): Promise<Date> {
    const watermark = await this.get(scope);
    if (!watermark || watermark <= window.from || watermark > window.to) return window.from;
    return new Date(Math.max(window.from.getTime(), watermark.getTime() - overlapMs));
  }
}

import { insertLiquidations, LiquidationRow } from '../domains/liquidations/liquidation.writer';
import { KnownInstrument } from './catalog';
import { amountInCoins, InstrumentIndex, sizeInCoins } from './instruments';
import { StreamContext, StreamHandle } from './source';
import { recordStreamPeriod } from './run-log';
import { Batcher, WsCollector } from './ws';
import path from 'node:path';
import { FileSpool } from './spool';

/** A liquidation as a venue feed reports it, already mapped to the liquidated position's side. */
export interface VenueLiquidation {
  symbol: string;
  /** The position that was closed: LONG = a long was liquidated. */
  side: 'LONG' | 'SHORT';
  price: number;
  /** In the venue's size unit (coins for Binance USD-M / Bybit linear, contracts elsewhere). */
  size: number;
  /**
   * What `size` counts: CONTRACTS (the default) or AMOUNT, Deribit's unit: USD on inverse
   * instruments, coins on linear ones.
   */
  sizeUnit?: 'CONTRACTS' | 'AMOUNT';
  occurredAt: Date;
  eventKey: string;
  priceKind: 'FILL' | 'BANKRUPTCY';
}

/**
 * A venue liquidation as stored: size converted to coins with the instrument's contract size,
 * notional = coins × price. Null for events without a positive price or size.
 */
export function liquidationRow(instrument: KnownInstrument, event: VenueLiquidation, origin = 'LIVE'): LiquidationRow | null {
  if (!(event.price > 0) || !(event.size > 0)) return null;
  const quantity = event.sizeUnit === 'AMOUNT' ? amountInCoins(instrument, event.size, event.price) : sizeInCoins(instrument, event.size, event.price);
  return {
    asset_id: instrument.assetId,
    venue_id: instrument.venueId,
    instrument_id: instrument.id,
    side: event.side,
    price: event.price,
    quantity,
    // Quote stablecoins (USDT/USDC) are taken at par with USD.
    notional_usd: quantity * event.price,
    occurred_at: event.occurredAt,
    event_key: event.eventKey,
    price_kind: event.priceKind,
    origin,
  };
}

/**
 * A batch goes out after 1 s or at 2,000 events, whichever comes first. The 1 s bound is what a
 * quiet market sees; 2,000 is for a cascade: one statement per 2,000 events sustained 46k
 * events/s here against 34–39k at 500 (bench/lib/ingest.mjs), for at most 2,000 events' wait.
 */
export const defaultLiquidationBatch = { maxItems: 2000, maxDelayMs: 1000 };

/**
 * Turns venue liquidations into rows and writes them in batches (≤ 1 s after arrival, or
 * `maxItems` at once), one `insertLiquidations` statement per batch. Events of untracked
 * assets are dropped; duplicates (a re-sent event after a reconnect) are skipped by the writer.
 */
export function liquidationSink(ctx: StreamContext, instruments: InstrumentIndex) {
  // Reported to ingestion_run once a period (a minute by default): rows written, last error.
  const period = { from: new Date(ctx.clock.now()), rows: 0, error: undefined as string | undefined };
  const report = async () => {
    const to = new Date(ctx.clock.now());
    const { from, rows, error } = period;
    Object.assign(period, { from: to, rows: 0, error: undefined });
    await recordStreamPeriod(ctx.db, { source: ctx.source.slug, dataset: ctx.dataset, from, to, rowsWritten: rows, error }).catch((failure) =>
      ctx.log.warn({ source: ctx.source.slug, err: String(failure) }, 'stream report not recorded'),
    );
  };
  const reporter = setInterval(() => void report(), ctx.settings.reportEveryMs ?? 60_000);
  reporter.unref();
  const batcher = new Batcher<LiquidationRow>({
    maxItems: ctx.settings.batchMaxItems ?? defaultLiquidationBatch.maxItems,
    maxDelayMs: Math.min(1000, ctx.settings.batchMaxDelayMs ?? defaultLiquidationBatch.maxDelayMs),
    write: async (rows) => {
      period.rows += (await insertLiquidations(ctx.db, rows)).length;
    },
    // Bounded memory while the database is away: beyond the bound, events wait in a local file
    // and come back in arrival order (the writer skips any already stored, by event key).
    maxBuffered: ctx.settings.bufferEvents,
    spool: ctx.settings.spoolDir ? new FileSpool<LiquidationRow>(path.join(ctx.settings.spoolDir, `${ctx.source.slug}-${ctx.dataset}.jsonl`)) : undefined,
    onError: (error, rows) => {
      period.error = `batch of ${rows.length} not written (will retry): ${error.message}`;
      ctx.log.error({ source: ctx.source.slug, rows: rows.length, err: error.message }, 'liquidation batch not written; will retry');
    },
  });
  // Look-ups may hit the database; a queue keeps events in arrival order.
  let queue: Promise<void> = Promise.resolve();
  return {
    add(events: VenueLiquidation[]): void {
      queue = queue.then(async () => {
        const rows: LiquidationRow[] = [];
        for (const event of events) {
          const instrument = await instruments.find(event.symbol);
          const row = instrument ? liquidationRow(instrument, event) : null;
          if (row) rows.push(row);
        }
        batcher.addAll(rows);
      }).catch((error) => ctx.log.error({ source: ctx.source.slug, err: String(error) }, 'liquidation mapping failed'));
    },
    async close(): Promise<void> {
      await queue;
      await batcher.close();
      clearInterval(reporter);
      await report();
    },
  };
}

/** A liquidation stream's handle: the socket is closed first, then what the sink holds is written. */
export function liquidationStreamHandle(collector: WsCollector, sink: ReturnType<typeof liquidationSink>): StreamHandle {
  return {
    async stop() {
      await collector.stop();
      await sink.close();
    },
  };
}

import { DatasetName } from '../source';

/**
 * How often each dataset is pulled and how far back each pull reaches. The look-back overlaps
 * the previous pull on purpose: venues revise and page inconsistently, and the natural-key
 * upserts make the overlap free of duplicates.
 */
export interface DatasetSchedule {
  cron: string;
  lookbackMs: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export const datasetSchedules: Record<DatasetName, DatasetSchedule> = {
  instruments: { cron: '7 * * * *', lookbackMs: hour },
  'open-interest': { cron: '*/5 * * * *', lookbackMs: 2 * hour },
  funding: { cron: '3 * * * *', lookbackMs: day },
  'mark-price': { cron: '* * * * *', lookbackMs: 5 * minute },
  depth: { cron: '* * * * *', lookbackMs: minute },
  liquidations: { cron: '* * * * *', lookbackMs: 15 * minute },
  candles: { cron: '* * * * *', lookbackMs: 10 * minute },
  // Issuers report late and revise: re-read the last five days.
  'etf-flows': { cron: '15 */6 * * *', lookbackMs: 5 * day },
  cohorts: { cron: '20 2 * * *', lookbackMs: 3 * day },
  // CryptoQuant-style daily flows settle by about 01:00 UTC.
  'exchange-flows': { cron: '30 1 * * *', lookbackMs: 3 * day },
  // 5-minute periods published a few minutes after they close; an hour re-reads late ones.
  'taker-volume': { cron: '2-59/5 * * * *', lookbackMs: hour },
  // Long/short ratios: 5-minute periods, read a few minutes after they close; an hour re-reads late ones.
  positioning: { cron: '3-59/5 * * * *', lookbackMs: hour },
};

/** The pg-boss queue of one source's dataset. */
export function queueName(source: string, dataset: DatasetName): string {
  return `ingest.${source}.${dataset}`;
}

export const deadLetterQueue = 'ingest.dead-letter';

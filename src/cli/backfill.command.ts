import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { createLogger } from '../core/logger';
import { datasetSchedules } from '../ingest/jobs/schedule';
import { runDataset } from '../ingest/runner';
import { DatasetName, datasetNames } from '../ingest/source';
import { sourceRegistry } from '../ingest/sources';
import { parseCliTime, withCliDatabase } from './database';

const dayMs = 86_400_000;

/** Splits [from, to) into day-long windows, so progress shows and a failure loses one day. */
export function backfillWindows(from: Date, to: Date, stepMs = dayMs): Array<{ from: Date; to: Date }> {
  const windows: Array<{ from: Date; to: Date }> = [];
  for (let start = from.getTime(); start < to.getTime(); start += stepMs) {
    windows.push({ from: new Date(start), to: new Date(Math.min(start + stepMs, to.getTime())) });
  }
  return windows;
}

export function backfillCommand(): Command {
  return new Command('backfill')
    .description('Fetch a source dataset over a past window (idempotent: re-running changes nothing)')
    .argument('<source>', `source slug: ${sourceRegistry.slugs().join(', ')}`)
    .argument('<dataset>', `dataset: ${datasetNames.join(', ')}`)
    .requiredOption('--from <date>', 'start, inclusive (YYYY-MM-DD or ISO time, UTC)')
    .option('--to <date>', 'end, exclusive (default: now)')
    .option('--no-progress', 'no progress bar (for logs)')
    .action(async (sourceSlug: string, dataset: string, options: { from: string; to?: string; progress: boolean }) => {
      const source = sourceRegistry.get(sourceSlug);
      if (!(datasetNames as readonly string[]).includes(dataset) || !source.datasets[dataset as DatasetName]?.run) {
        const offered = Object.entries(source.datasets).filter(([, d]) => d?.run).map(([name]) => name);
        throw new Error(`source "${source.slug}" has no dataset "${dataset}" to backfill; it offers: ${offered.join(', ')}`);
      }
      const from = parseCliTime(options.from, '--from');
      const to = options.to ? parseCliTime(options.to, '--to') : new Date();
      if (from >= to) throw new Error(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
      const windows = backfillWindows(from, to, Math.max(datasetSchedules[dataset as DatasetName].lookbackMs, dayMs));
      await withCliDatabase(async (db) => {
        const bar = options.progress ? new SingleBar({ format: `${source.slug} ${dataset} [{bar}] {value}/{total} windows | {rows} rows` }, Presets.shades_classic) : undefined;
        bar?.start(windows.length, 0, { rows: 0 });
        let rows = 0;
        let availableFrom: Date | null = null;
        const log = createLogger('warn').child({ component: 'backfill' });
        try {
          for (const window of windows) {
            const result = await runDataset(db, source.slug, dataset as DatasetName, window, { resume: false, log });
            rows += result.rowsWritten;
            if (result.historyAvailableFrom && (!availableFrom || result.historyAvailableFrom > availableFrom)) availableFrom = result.historyAvailableFrom;
            bar?.increment(1, { rows });
          }
        } finally {
          bar?.stop();
        }
        console.log(`backfill ${source.slug} ${dataset}: ${windows.length} windows, ${rows} rows written or revised`);
        // Never an empty success: a range older than the venue keeps is said to be out of reach.
        if (availableFrom) {
          console.log(`backfill ${source.slug} ${dataset}: asked from ${from.toISOString()}; the venue serves only from ${availableFrom.toISOString()}: earlier data not available`);
        }
      });
    });
}

import { Command } from 'commander';
import { findIngestionStatus } from '../ingest/status/ingestion-status.service';
import { withCliDatabase } from './database';

export function statusCommand(): Command {
  return new Command('status').description('What each source and dataset last did (as the ingestionStatus query reports)').action(async () => {
    await withCliDatabase(async (db) => {
      const rows = await findIngestionStatus(db);
      if (rows.length === 0) {
        console.log('no ingestion has run on this database yet');
        return;
      }
      console.table(
        rows.map((r) => ({
          source: r.source,
          dataset: r.dataset,
          lastSuccess: r.last_success_at?.toISOString() ?? '-',
          lastError: r.last_error_at?.toISOString() ?? '-',
          error: (r.last_error ?? '').split('\n')[0].slice(0, 60),
          rows24h: r.rows_last_24h,
          state: r.state,
          pausedUntil: r.paused_until?.toISOString() ?? '-',
          silentSince: r.silent_since?.toISOString() ?? '-',
          history: r.history_note ?? '-',
        })),
      );
    });
  });
}

import { Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../domains/context';
import { findIngestionStatus } from './ingestion-status.service';
import { IngestionSourceState, IngestionSourceStatusType } from './ingestion-status.types';

@Resolver()
export class IngestionStatusResolver {
  @Query(() => [IngestionSourceStatusType], {
    description:
      'Per source and dataset: its state (OK, FAILING, PAUSED, SILENT, NOT_CONFIGURED), the last success, the last failure and its error, rows written in the last 24 hours, any pause in force and how far back the venue serves history — so an outage never reads as a calm market.',
  })
  async ingestionStatus(@Ctx() ctx: Context): Promise<IngestionSourceStatusType[]> {
    return (await findIngestionStatus(ctx.db, { nowMs: ctx.clock.now() })).map((r) =>
      Object.assign(new IngestionSourceStatusType(), {
        source: r.source,
        dataset: r.dataset,
        lastSuccessAt: r.last_success_at,
        lastErrorAt: r.last_error_at,
        lastError: r.last_error,
        rowsLast24h: r.rows_last_24h,
        state: IngestionSourceState[r.state],
        pausedUntil: r.paused_until,
        historyAvailableFrom: r.history_available_from,
        lastHistoryShortfall: r.history_note,
        silentSince: r.silent_since,
      }),
    );
  }
}

import { Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../app/context';
import { findIngestionStatus } from './ingestion-status.service';
import { IngestionSourceStatusType } from './ingestion-status.types';

@Resolver()
export class IngestionStatusResolver {
  @Query(() => [IngestionSourceStatusType], {
    description: 'Per source and dataset: the last success, the last failure and its error, and rows written in the last 24 hours — so an outage never reads as a calm market.',
  })
  async ingestionStatus(@Ctx() ctx: Context): Promise<IngestionSourceStatusType[]> {
    return (await findIngestionStatus(ctx.db)).map((r) =>
      Object.assign(new IngestionSourceStatusType(), {
        source: r.source,
        dataset: r.dataset,
        lastSuccessAt: r.last_success_at,
        lastErrorAt: r.last_error_at,
        lastError: r.last_error,
        rowsLast24h: r.rows_last_24h,
      }),
    );
  }
}

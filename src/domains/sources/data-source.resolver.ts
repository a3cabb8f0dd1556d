import { Arg, Query, Resolver } from 'type-graphql';
import { dataSourceCatalog, DataSourceEntry } from './data-source.catalog';
import { DataSourceType, SidednessEnum } from './data-source.types';

function toDataSourceType(entry: DataSourceEntry): DataSourceType {
  return Object.assign(new DataSourceType(), {
    source: entry.source,
    venue: entry.venue,
    dataset: entry.dataset,
    endpoint: entry.endpoint,
    units: entry.units,
    sidedness: entry.sidedness as SidednessEnum,
    completeness: entry.completeness,
    historyLimit: entry.historyLimit,
    rateLimitWeight: entry.rateLimitWeight,
    documentationUrl: entry.docUrl,
    documentationRead: entry.read,
    keyVariable: entry.requiresEnv ?? null,
    notes: entry.notes ?? null,
  });
}

@Resolver(() => DataSourceType)
export class DataSourceResolver {
  @Query(() => [DataSourceType], {
    description:
      'Where every figure comes from: one row per source and dataset with endpoint, units, sidedness, completeness, history limit, rate-limit weight and the documentation page (and the day it was read). Answered from memory, no database read.',
  })
  dataSources(
    @Arg('venue', () => String, { nullable: true, description: 'Only rows filling this venue ("hyperliquid").' }) venue: string | null,
    @Arg('dataset', () => String, { nullable: true, description: 'Only this dataset ("liquidations").' }) dataset: string | null,
  ): DataSourceType[] {
    return dataSourceCatalog
      .filter((e) => (!venue || e.venue === venue.trim().toLowerCase()) && (!dataset || e.dataset === dataset.trim().toLowerCase()))
      .map(toDataSourceType);
  }
}

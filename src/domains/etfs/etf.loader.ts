import DataLoader from 'dataloader';
import { Db } from '../../db/sql';
import { groupByKey, indexByKey, LoaderFamily } from '../shared/loader-family';
import { EtfFlowRow, findEtfFlows, findEtfs } from './etf.service';
import { EtfRow } from './etf.types';

export function createEtfLoaders(db: Db) {
  return {
    byId: new DataLoader<number, EtfRow | null>(async (ids) => indexByKey(ids, await findEtfs(db, { ids }), (r) => r.id)),
    byAsset: new DataLoader<number, EtfRow[]>(async (assetIds) => groupByKey(assetIds, await findEtfs(db, { assetIds }), (r) => r.asset_id)),
    flows: new LoaderFamily<{ from: string | null; to: string | null }, number, EtfFlowRow[]>(async (args, etfIds) =>
      groupByKey(etfIds, await findEtfFlows(db, etfIds, args.from, args.to), (r) => r.etf_id),
    ),
  };
}

import { Db } from '../../db/sql';

/** Asset look-ups come from the in-process registry; no per-request loaders are needed yet. */
export function createAssetLoaders(_db: Db) {
  return {};
}

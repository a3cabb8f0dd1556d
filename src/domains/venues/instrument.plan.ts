import { Context } from '../context';
import { jsonArraySql, jsonObjectSql, joinsSql } from '../shared/planned/json-shape';
import { RootFieldPlanner } from '../shared/planned/operation-plan';
import { ContractType } from '../shared/enums';
import { instrumentShape } from './venue.shape';

/**
 * `instruments(asset, venue, contractType)` planned into one statement returning the list's
 * JSON: the filter and order of findInstruments, every selected venue, asset and latest
 * reading joined in. The resolver (instrument.resolver.ts) answers anything this does not plan.
 */
export const planInstruments: RootFieldPlanner = (field, scope) => {
  const object = jsonObjectSql(instrumentShape('i'), field.selectionSet, scope);
  if (!object) return null;
  // Only the filters given are spelled, so each combination is its own statement whose generic
  // plan (the API's read pool keeps one per statement) walks the matching index.
  const text = (conditions: string[]) => `/* planned instruments */ SELECT ${jsonArraySql(object, 'i.venue_id, i.symbol')} AS json
     FROM instrument i
     ${joinsSql(scope)}
     ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
  return {
    async run(ctx: Context, args) {
      const { asset, venue, contractType } = args as { asset?: string | null; venue?: string | null; contractType?: ContractType | null };
      const params: unknown[] = [];
      const conditions: string[] = [];
      if (asset) conditions.push(`i.asset_id = $${params.push((await ctx.registry.requireAsset(asset)).id)}::int`);
      if (venue) conditions.push(`i.venue_id = $${params.push((await ctx.registry.requireVenue(venue)).id)}::int`);
      if (contractType) conditions.push(`i.contract_type = $${params.push(contractType)}::contract_type`);
      const [row] = await ctx.db.query<{ json: string }>(text(conditions), params);
      return row.json;
    },
  };
};

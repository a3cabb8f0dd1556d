import { badInput } from '../../core/errors';
import { Db } from '../../db/sql';
import { Registry } from '../shared/registry';
import { readSeries } from './condition-read';
import { ConditionSeriesEntry, maxRules, publishingVenues, seriesEntry } from './condition-series';
import { ConditionComparison, ConditionInput, holds } from './condition.types';
import { condition } from './signals.service';
import { RecoveryAssessmentType, RecoveryConditionType } from './signals.types';

/** A rule checked against the registry: its series entry and venue resolved. */
export interface Rule {
  entry: ConditionSeriesEntry;
  /** The venue's slug and id, or null for the aggregate. */
  venue: { slug: string; id: number } | null;
  comparison: ConditionComparison;
  value: number;
  name: string;
}

const maxNameLength = 100;

/**
 * The `rules` argument checked, each fault a coded error naming the rule's field
 * (`rules[2].venue`): too many rules, a value that is not a finite number in the series' range, a
 * venue that is unknown or does not publish the series, no venue for a series without an
 * aggregate, a venue for a figure of the asset.
 */
export async function resolveRules(input: readonly ConditionInput[] | null | undefined, registry: Registry): Promise<Rule[]> {
  if (!input) return [];
  if (input.length > maxRules) throw badInput('rules', `\`rules\` holds ${input.length} rules; at most ${maxRules} are judged in one request.`);
  return Promise.all(
    input.map(async (rule, i) => {
      const at = `rules[${i}]`;
      const entry = seriesEntry(rule.series);
      if (!entry) throw badInput(`${at}.series`, `\`${at}.series\` is not a series a rule can read (see \`ConditionSeries\`).`);
      if (typeof rule.value !== 'number' || !Number.isFinite(rule.value)) throw badInput(`${at}.value`, `\`${at}.value\` must be a finite number, in ${entry.unit}.`);
      const { min, max } = entry.range ?? {};
      if ((min !== undefined && rule.value < min) || (max !== undefined && rule.value > max)) {
        throw badInput(`${at}.value`, `\`${at}.value\` must be ${min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`} for ${entry.series} (${entry.unit}).`);
      }
      if (rule.name !== null && rule.name !== undefined && (rule.name.trim() === '' || rule.name.length > maxNameLength)) {
        throw badInput(`${at}.name`, `\`${at}.name\` must be 1 to ${maxNameLength} characters.`);
      }
      const venues = publishingVenues(entry);
      let venue: Rule['venue'] = null;
      if (rule.venue !== null && rule.venue !== undefined) {
        if (venues.length === 0) throw badInput(`${at}.venue`, `${entry.series} is a figure of the asset, not of a venue: omit \`${at}.venue\`.`);
        const record = await registry.requireVenue(rule.venue, `${at}.venue`);
        if (!venues.includes(record.slug)) throw badInput(`${at}.venue`, `${record.slug} does not publish ${entry.series}; the venues that do: ${venues.join(', ')}.`);
        venue = { slug: record.slug, id: record.id };
      } else if (!entry.aggregate) {
        throw badInput(`${at}.venue`, `${entry.series} has no aggregate (its venues' definitions differ): name one of ${venues.join(', ')} in \`${at}.venue\`.`);
      }
      const name = rule.name ?? `${entry.series}${venue ? `@${venue.slug}` : ''} ${rule.comparison} ${rule.value}`;
      return { entry, venue, comparison: rule.comparison, value: rule.value, name };
    }),
  );
}

/**
 * Every rule judged at every moment: conditions[moment][rule]. One read per series (rules on the
 * same series share it, whatever their venues and comparisons), each one statement for all the
 * moments (condition-read.ts); the reads run side by side.
 */
export async function judgeRules(db: Db, assetId: number, moments: readonly Date[], rules: readonly Rule[], knownAt: Date | null | undefined): Promise<RecoveryConditionType[][]> {
  if (rules.length === 0 || moments.length === 0) return moments.map(() => []);
  const families = new Map<string, { entry: ConditionSeriesEntry; venueIds: Array<number | null> }>();
  for (const rule of rules) {
    const family = families.get(rule.entry.series) ?? { entry: rule.entry, venueIds: [] };
    const id = rule.venue?.id ?? null;
    if (!family.venueIds.includes(id)) family.venueIds.push(id);
    families.set(rule.entry.series, family);
  }
  const reads = new Map(
    await Promise.all(
      [...families.values()].map(async ({ entry, venueIds }) => [entry.series, { venueIds, readings: await readSeries(db, entry, { assetId, moments, venueIds, knownAt: knownAt ?? null }) }] as const),
    ),
  );
  return moments.map((_, m) =>
    rules.map((rule) => {
      const read = reads.get(rule.entry.series)!;
      const reading = read.readings[read.venueIds.indexOf(rule.venue?.id ?? null)][m];
      const partial = reading.partial?.length ? (rule.entry.partialBecause?.(reading.partial) ?? `partial: ${reading.partial.join(', ')} missing`) : null;
      const judged = condition(rule.name, reading.value, rule.value, (v) => holds[rule.comparison](v, rule.value), rule.entry.missingBecause, partial);
      return Object.assign(judged, { series: rule.entry.series, venue: rule.venue?.slug ?? null, comparison: rule.comparison, unit: rule.entry.unit });
    }),
  );
}

/** The published conditions' assessment with the rules' conditions after them; `rulesMet` says whether every rule holds. */
export function withRules(assessment: RecoveryAssessmentType, ruleConditions: RecoveryConditionType[], rules: readonly Rule[]): RecoveryAssessmentType {
  if (rules.length === 0) return assessment;
  const conditions = [...assessment.conditions, ...ruleConditions];
  return Object.assign(assessment, { conditions, allMet: conditions.every((c) => c.met), rulesMet: ruleConditions.every((c) => c.met) });
}

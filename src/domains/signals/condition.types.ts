import { Field, Float, InputType, registerEnumType } from 'type-graphql';
import { conditionSeries, maxRules, publishingVenues } from './condition-series';

/** The series a rule can read: one value per entry of the series registry (condition-series.ts). */
export const ConditionSeries: Record<string, string> = Object.fromEntries(conditionSeries.map((entry) => [entry.series, entry.series]));
registerEnumType(ConditionSeries, {
  name: 'ConditionSeries',
  description: "A series a recovery rule (`ConditionInput`) reads, each with its unit and exact definition. Per venue where a venue is named (the venues that publish it are listed), else the aggregate; a rule's value is the series' value at the moment judged, from data published by then.",
  valuesConfig: Object.fromEntries(
    conditionSeries.map((entry) => {
      const venues = publishingVenues(entry);
      const where = venues.length === 0 ? 'A figure of the asset: no venue.' : `Per venue: ${venues.join(', ')}${entry.aggregate ? '; or the aggregate (no venue).' : '; no aggregate (name a venue).'}`;
      return [entry.series, { description: `Unit: ${entry.unit}. ${entry.description} ${where}` }];
    }),
  ),
});

/** How a rule compares the series' value with its `value`. */
export enum ConditionComparison {
  BELOW = 'BELOW',
  AT_OR_BELOW = 'AT_OR_BELOW',
  ABOVE = 'ABOVE',
  AT_OR_ABOVE = 'AT_OR_ABOVE',
}
registerEnumType(ConditionComparison, {
  name: 'ConditionComparison',
  description: "How a rule compares the series' value with the rule's `value`.",
  valuesConfig: {
    BELOW: { description: 'Met when value < threshold.' },
    AT_OR_BELOW: { description: 'Met when value ≤ threshold.' },
    ABOVE: { description: 'Met when value > threshold.' },
    AT_OR_ABOVE: { description: 'Met when value ≥ threshold.' },
  },
});

export const holds: Record<ConditionComparison, (value: number, threshold: number) => boolean> = {
  BELOW: (v, t) => v < t,
  AT_OR_BELOW: (v, t) => v <= t,
  ABOVE: (v, t) => v > t,
  AT_OR_ABOVE: (v, t) => v >= t,
};

@InputType('ConditionInput', {
  description: `A recovery rule: a series (of a venue, or the aggregate) compared with a value, e.g. { series: OPEN_INTEREST_USD, comparison: BELOW, value: 25e9 }. Each rule answers one RecoveryCondition after the published ones, judged like them: on data published by the moment judged, UNKNOWN when missing or partial. At most ${maxRules} rules.`,
})
export class ConditionInput {
  @Field(() => ConditionSeries, { description: 'The series read (see `ConditionSeries` for each one\'s unit, definition and venues).' })
  series!: string;

  @Field(() => String, {
    nullable: true,
    description: "Venue slug (\"binance\"): the series' value on that venue, which must publish it (UNKNOWN_VENUE for an unknown slug, BAD_USER_INPUT for one that does not publish the series). Omitted or null: the aggregate, for series that have one.",
  })
  venue?: string | null;

  @Field(() => ConditionComparison, { description: 'How the value is compared with `value`.' })
  comparison!: ConditionComparison;

  @Field(() => Float, { description: "The threshold, in the series' unit (see `ConditionSeries`); finite, and within the series' range where it has one (RSI 0–100)." })
  value!: number;

  @Field(() => String, { nullable: true, description: 'The RecoveryCondition name to answer with (at most 100 characters); default "<series>[@<venue>] <comparison> <value>", e.g. "OPEN_INTEREST_USD@binance BELOW 8000000000".' })
  name?: string | null;
}

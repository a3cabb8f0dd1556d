/**
 * The recovery panel: the published conditions (thresholds) and the dashboard's own rules
 * (`rules: [ConditionInput!]` on recoverySignals), one badge each, green when met; a rule whose
 * data is missing or partial reads "unknown" with the reason on hover, never green.
 */
export interface RecoveryCondition {
  name: string;
  value: number | null;
  threshold: number;
  met: boolean;
  status: 'MET' | 'NOT_MET' | 'UNKNOWN';
  reason: string | null;
  series: string | null;
  unit: string | null;
}

/** The rules the panel judges beside the published conditions (each series' unit: see ConditionSeries). */
export const dashboardRules = [
  { series: 'FUNDING_RATE_8H', comparison: 'BELOW', value: 0.0001, name: 'funding under 1 bp / 8 h' },
  { series: 'OPEN_INTEREST_USD', venue: 'binance', comparison: 'BELOW', value: 10e9, name: 'binance OI under $10B' },
  { series: 'DEPTH_RATIO', comparison: 'AT_OR_ABOVE', value: 1, name: 'depth back to its 30-day median' },
];

/** The recoverySignals selection the panel needs. */
export const recoverySelection = 'allMet rulesMet conditions { name value threshold met status reason series unit }';

/** $40.7B, -$1.86B: money as a reader says it (toPrecision printed 4.073e+10). */
const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 });
/** Published conditions measured in USD; the others (RSI) in index points. A rule says its unit. */
const usdConditions = new Set(['openInterestBelow', 'weeklyEtfInflowAbove']);

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderRecovery(conditions: RecoveryCondition[], label: (value: number) => string): string {
  const number = (c: RecoveryCondition, value: number) => (c.unit === 'USD' || (c.unit === null && usdConditions.has(c.name)) ? money.format(value) : label(value));
  return conditions
    .map((c) => {
      const value = c.status === 'UNKNOWN' ? 'unknown' : c.value === null ? 'n/a' : number(c, c.value);
      const kind = c.series === null ? 'published' : 'rule';
      return `<div class="${['condition', ...(c.met ? ['met'] : []), kind].join(' ')}" data-condition="${escape(c.name)}" title="${escape(c.reason ?? c.unit ?? '')}">${escape(c.name)}: ${value} (threshold ${number(c, c.threshold)})</div>`;
    })
    .join('');
}

import { JsonHttpClient } from '../../http';

/**
 * A BGeometrics (bitcoin-data.com) metric row: `d` the day, `unixTs` its start in seconds, and
 * the value under the metric's camelCase name (`lth-supply` → `lthSupply`). Every value is a
 * string as far as known (❓ the supply slugs' exact shape is not in public docs: see
 * docs/data-sources.md).
 */
export interface BgeometricsRow {
  d?: string;
  unixTs?: string | number;
  [metric: string]: string | number | null | undefined;
}

export class BgeometricsClient {
  constructor(
    private readonly http: JsonHttpClient,
    /** Paid tiers pass a token; the free tier works without one (8 calls an hour, 15 a day). */
    private readonly token?: string,
  ) {}

  /** Daily rows of `slug` for [startDay, endDay] (YYYY-MM-DD, both inclusive). */
  metric(slug: string, startDay: string, endDay: string): Promise<BgeometricsRow[]> {
    return this.http.get(`/v1/${slug}`, { weight: 1, query: { startday: startDay, endday: endDay, token: this.token || undefined } });
  }
}

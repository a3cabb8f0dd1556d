import { JsonHttpClient } from '../../http';

/**
 * A Glassnode metric point: `t` in unix SECONDS (the start of the day for `i=24h`), the value
 * in `v` — or in `o` (an object) for some metrics, which Cascade does not read.
 */
export interface GlassnodePoint {
  t: number;
  v?: number | null;
  o?: Record<string, number>;
}

export const glassnodeKeyVariable = 'CASCADE_GLASSNODE_API_KEY';

export class GlassnodeClient {
  constructor(
    private readonly http: JsonHttpClient,
    private readonly apiKey: string,
  ) {}

  /** Daily points of a metric (`supply/lth_sum`) for one asset over [since, until] (unix seconds). */
  metric(path: string, asset: string, sinceSeconds: number, untilSeconds: number): Promise<GlassnodePoint[]> {
    return this.http.get(`/v1/metrics/${path}`, {
      weight: 1,
      // The key travels as the `api_key` parameter; the source lists it in secretParams, so
      // it never appears in errors or logs.
      query: { a: asset, i: '24h', s: sinceSeconds, u: untilSeconds, f: 'json', timestamp_format: 'unix', api_key: this.apiKey },
    });
  }
}

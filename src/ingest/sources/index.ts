import { Source } from '../source';
import { bgeometricsSource } from './bgeometrics';
import { binanceSource } from './binance';
import { binanceSpotSource } from './binance-spot';
import { bybitSource } from './bybit';
import { coinbaseSource } from './coinbase';
import { deribitSource } from './deribit';
import { farsideSource } from './farside';
import { glassnodeSource } from './glassnode';
import { hydromancerSource } from './hydromancer';
import { hyperliquidSource } from './hyperliquid';
import { okxSource } from './okx';

/** Sources by slug; the CLI and the scheduler look them up here. */
export class SourceRegistry {
  private readonly bySlug = new Map<string, Source>();

  constructor(sources: Source[]) {
    for (const source of sources) {
      if (this.bySlug.has(source.slug)) throw new Error(`source "${source.slug}" registered twice`);
      this.bySlug.set(source.slug, source);
    }
  }

  get(slug: string): Source {
    const source = this.bySlug.get(slug.toLowerCase());
    if (!source) throw new Error(`unknown source "${slug}"; known: ${this.slugs().join(', ')}`);
    return source;
  }

  has(slug: string): boolean {
    return this.bySlug.has(slug.toLowerCase());
  }

  slugs(): string[] {
    return [...this.bySlug.keys()].sort();
  }

  all(): Source[] {
    return [...this.bySlug.values()];
  }
}

/** Every source Cascade ships: add a new venue's import and one entry here. */
export const sourceRegistry = new SourceRegistry([
  binanceSource,
  bybitSource,
  okxSource,
  hyperliquidSource,
  deribitSource,
  binanceSpotSource,
  coinbaseSource,
  farsideSource,
  bgeometricsSource,
  glassnodeSource,
  hydromancerSource,
]);

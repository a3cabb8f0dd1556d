import { Db } from '../db/sql';
import { KnownInstrument, loadInstruments } from './catalog';

/**
 * The venue's stored instruments; when none are stored yet, the venue's listing is read first
 * (`discover`), so any dataset can run on a fresh database.
 */
export async function instrumentsOrDiscover(db: Db, venueSlug: string, discover: () => Promise<unknown>): Promise<KnownInstrument[]> {
  const stored = await loadInstruments(db, venueSlug);
  if (stored.length > 0) return stored;
  await discover();
  return loadInstruments(db, venueSlug);
}

/** Coins in a position or order of `size` venue units at `price`. */
export function sizeInCoins(instrument: Pick<KnownInstrument, 'marginType' | 'contractSize'>, size: number, price: number): number {
  // Linear: contracts × coins-per-contract. Inverse: contracts × USD-per-contract ÷ price.
  return instrument.marginType === 'INVERSE' ? (size * instrument.contractSize) / price : size * instrument.contractSize;
}

/**
 * Coins in an AMOUNT as Deribit quotes one (orders, trades, book levels): USD on inverse
 * instruments (coins = USD ÷ price), coins already on linear ones.
 */
export function amountInCoins(instrument: Pick<KnownInstrument, 'marginType'>, amount: number, price: number): number {
  return instrument.marginType === 'INVERSE' ? amount / price : amount;
}

/** Symbol look-up that reloads (at most once a minute) when a new listing appears mid-stream. */
export class InstrumentIndex {
  private bySymbol = new Map<string, KnownInstrument>();
  private loadedAtMs = 0;

  constructor(
    private readonly db: Db,
    private readonly venueSlug: string,
    private readonly reloadAfterMs = 60_000,
  ) {}

  async load(instruments?: KnownInstrument[]): Promise<this> {
    const list = instruments ?? (await loadInstruments(this.db, this.venueSlug));
    this.bySymbol = new Map(list.map((i) => [i.symbol, i]));
    this.loadedAtMs = Date.now();
    return this;
  }

  get symbols(): string[] {
    return [...this.bySymbol.keys()];
  }

  /** Known instrument or undefined (an untracked asset's listing: ignored by design). */
  async find(symbol: string): Promise<KnownInstrument | undefined> {
    const known = this.bySymbol.get(symbol);
    if (known || Date.now() - this.loadedAtMs < this.reloadAfterMs) return known;
    await this.load();
    return this.bySymbol.get(symbol);
  }
}

/** The instrument a stream's canary watches: a BTC perpetual when listed (the busiest book), else the first perpetual. */
export function canaryInstrument(list: KnownInstrument[]): KnownInstrument | undefined {
  const perpetuals = list.filter((i) => i.contractType === 'PERPETUAL');
  return perpetuals.find((i) => i.symbol.startsWith('BTC')) ?? perpetuals[0];
}

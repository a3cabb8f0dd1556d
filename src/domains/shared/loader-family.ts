import DataLoader from 'dataloader';

/**
 * DataLoaders whose batch function depends on field arguments (`instruments(asset: "BTC")`):
 * one loader per distinct argument set, so parents asking the same thing share one statement.
 */
export class LoaderFamily<Args, Key, Value> {
  private readonly loaders = new Map<string, DataLoader<Key, Value>>();

  constructor(private readonly batch: (args: Args, keys: readonly Key[]) => Promise<Value[]>) {}

  get(args: Args): DataLoader<Key, Value> {
    const id = JSON.stringify(args ?? null);
    let loader = this.loaders.get(id);
    if (!loader) {
      loader = new DataLoader<Key, Value>((keys) => this.batch(args, keys));
      this.loaders.set(id, loader);
    }
    return loader;
  }
}

/** Groups rows by a key into the order DataLoader expects, with [] for keys that have none. */
export function groupByKey<Key, Row>(keys: readonly Key[], rows: Row[], keyOf: (row: Row) => Key): Row[][] {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** One row (or null) per key, in key order. */
export function indexByKey<Key, Row>(keys: readonly Key[], rows: Row[], keyOf: (row: Row) => Key): (Row | null)[] {
  const index = new Map<Key, Row>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

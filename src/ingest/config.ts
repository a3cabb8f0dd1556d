/**
 * Where each source lives. Every base URL can be overridden from the environment as
 * `CASCADE_<SOURCE>_REST_URL` / `CASCADE_<SOURCE>_WS_URL` (slug upper-cased, `-` → `_`), which is
 * how tests point a connector at the loopback venue server and how a deployment uses a proxy.
 */
export interface SourceEndpoints {
  restUrl: string;
  /** Null for sources without a WebSocket feed. */
  wsUrl: string | null;
}

/** The venues' own public endpoints (keys are source slugs). */
export const defaultEndpoints: Record<string, SourceEndpoints> = {
  binance: { restUrl: 'https://fapi.binance.com', wsUrl: 'wss://fstream.binance.com' },
  bybit: { restUrl: 'https://api.bybit.com', wsUrl: 'wss://stream.bybit.com' },
  okx: { restUrl: 'https://www.okx.com', wsUrl: 'wss://ws.okx.com:8443' },
  hyperliquid: { restUrl: 'https://api.hyperliquid.xyz', wsUrl: 'wss://api.hyperliquid.xyz/ws' },
  deribit: { restUrl: 'https://www.deribit.com', wsUrl: 'wss://www.deribit.com/ws/api/v2' },
  'binance-spot': { restUrl: 'https://api.binance.com', wsUrl: 'wss://stream.binance.com:9443' },
  coinbase: { restUrl: 'https://api.exchange.coinbase.com', wsUrl: null },
  farside: { restUrl: 'https://farside.co.uk', wsUrl: null },
  glassnode: { restUrl: 'https://api.glassnode.com', wsUrl: null },
  cryptoquant: { restUrl: 'https://api.cryptoquant.com', wsUrl: null },
  bgeometrics: { restUrl: 'https://bitcoin-data.com', wsUrl: null },
  // Keyed provider of Hyperliquid's market-wide liquidation fills (CASCADE_HYDROMANCER_API_KEY).
  hydromancer: { restUrl: 'https://api.hydromancer.xyz', wsUrl: 'wss://api.hydromancer.xyz/ws' },
};

export function envPrefix(sourceSlug: string): string {
  return `CASCADE_${sourceSlug.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Base URLs for a source: the environment wins, then the venue default. A source with no
 * default must be configured, so a typo in a slug fails loudly instead of calling nowhere.
 */
export function sourceEndpoints(sourceSlug: string, env: NodeJS.ProcessEnv = process.env): SourceEndpoints {
  const prefix = envPrefix(sourceSlug);
  const fallback = defaultEndpoints[sourceSlug];
  const restUrl = env[`${prefix}_REST_URL`] || fallback?.restUrl;
  if (!restUrl) throw new Error(`No REST URL for source "${sourceSlug}": set ${prefix}_REST_URL`);
  for (const [name, value] of [[`${prefix}_REST_URL`, env[`${prefix}_REST_URL`]], [`${prefix}_WS_URL`, env[`${prefix}_WS_URL`]]] as const) {
    if (value && !/^(https?|wss?):\/\//.test(value)) throw new Error(`${name} must be an http(s) or ws(s) URL, got "${value}"`);
  }
  const wsUrl = env[`${prefix}_WS_URL`] || fallback?.wsUrl || null;
  return { restUrl: withoutTrailingSlash(restUrl), wsUrl: wsUrl ? withoutTrailingSlash(wsUrl) : null };
}

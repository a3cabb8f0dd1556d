import { z } from 'zod';

/** Every environment variable Cascade reads, parsed and validated once at start. */
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  /**
   * A streaming standby for API queries; the primary keeps migrations, writes and LISTEN/NOTIFY.
   * A read the standby cannot answer (it is down or restarting) runs on the primary.
   */
  DATABASE_READ_URL: z.string().url().optional(),
  /**
   * The primary reached without a pooler, for what needs a session of its own: migrations (their
   * lock), the live feed's LISTEN, the workers' advisory locks and pg-boss. Defaults to DATABASE_URL.
   */
  DATABASE_DIRECT_URL: z.string().url().optional(),
  /**
   * `transaction`: DATABASE_URL and DATABASE_READ_URL go through a transaction pooler (PgBouncer
   * pool_mode=transaction). Statements are then never prepared by name and no settings are sent
   * at connect; give the roles statement_timeout (and the read role plan_cache_mode) with
   * ALTER ROLE … SET (docs/scaling.md). `none`: every URL reaches Postgres itself.
   */
  CASCADE_DB_POOLER: z.enum(['none', 'transaction']).default('none'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** Where the embedded Postgres keeps its data when DATABASE_URL is unset. */
  CASCADE_DATA_DIR: z.string().default('.cascade'),
  CASCADE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CASCADE_INTROSPECTION: z.enum(['0', '1']).default('1'),
  /** Milliseconds a single SQL statement may run before Postgres cancels it. */
  CASCADE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  CASCADE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Comma-separated origins allowed to call from other sites' browsers, or `*`. */
  CASCADE_CORS_ORIGINS: z.string().default(''),
  /** Milliseconds a request may wait for a pooled connection (or a new one) before failing with 503. */
  CASCADE_POOL_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** `1`: every request needs an API key (anonymous callers get 401). `0`: anonymous local use is allowed. */
  CASCADE_REQUIRE_KEYS: z.enum(['0', '1']).default('0'),
  /** `0` turns the per-minute budgets off (a private benchmark); cost bounds stay on. */
  CASCADE_RATE_LIMITS: z.enum(['0', '1']).default('1'),
  /** Points per minute of a key created without `--rate`. */
  CASCADE_KEY_POINTS_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  /** Points per minute of each anonymous client address. */
  CASCADE_ANONYMOUS_POINTS_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  /** Largest cost one operation may have (points), whatever the caller's budget. */
  CASCADE_MAX_QUERY_COST: z.coerce.number().int().positive().default(5000),
  /** Longest GraphQL document (bytes, comments included) parsed; a longer one is refused with 413 DOCUMENT_TOO_LARGE. */
  CASCADE_MAX_DOCUMENT_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  /** Parsed documents the prepared-operation cache keeps (least recently used go first). */
  CASCADE_PREPARED_DOCUMENTS: z.coerce.number().int().positive().default(1000),
  /** Bytes the prepared-operation cache may hold: documents, their compiled queries and plans, as estimated (src/app/prepared-operations.ts). */
  CASCADE_PREPARED_CACHE_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  /** Milliseconds between reconciliations of local spend with the shared database total. */
  CASCADE_RATE_SYNC_MS: z.coerce.number().int().positive().default(1000),
  /**
   * Seconds between a worker's looks at the cron schedules (pg-boss's cron monitor; 1–45). Each
   * schedule still fires at most once a minute across all workers; a shorter look only makes a
   * due job start sooner after its minute begins (tests use 1).
   */
  CASCADE_SCHEDULE_CHECK_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
  /** Milliseconds each API process trusts its in-memory asset and venue lists before re-reading them (0: on every request). */
  CASCADE_REGISTRY_TTL_MS: z.coerce.number().int().min(0).default(30000),
  /** Milliseconds a key lookup (or a revocation) stays cached in each process. */
  CASCADE_KEY_CACHE_TTL_MS: z.coerce.number().int().positive().default(10000),
  /** Live subscriptions one WebSocket may hold; more are refused with TOO_MANY_SUBSCRIPTIONS. */
  CASCADE_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().positive().default(50),
  /** Live subscriptions one caller (key or anonymous address) may hold in each API process. */
  CASCADE_MAX_SUBSCRIPTIONS_PER_CALLER: z.coerce.number().int().positive().default(200),
  /**
   * Which proxies to believe about the client address (X-Forwarded-For), as Express's `trust
   * proxy`: empty trusts none; a number trusts that many hops; otherwise comma-separated
   * addresses, CIDRs or `loopback`, `linklocal`, `uniquelocal`.
   */
  CASCADE_TRUST_PROXY: z
    .string()
    .default('')
    .refine((value) => value.trim() === '' || /^\d+$/.test(value.trim()) || value.split(',').every((part) => /^[0-9a-fA-F:.\/]+$|^(loopback|linklocal|uniquelocal)$/.test(part.trim())), {
      message: 'a hop count, or comma-separated addresses, CIDRs, loopback, linklocal or uniquelocal',
    }),
  /** Path of a JSON manifest (sha256 → document); when set, only those documents run. */
  CASCADE_TRUSTED_DOCUMENTS: z.string().optional(),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

import { CascadeError } from '../core/errors';

/**
 * The one place that tells "Postgres is not there" from a bug. A request that meets one of these
 * fails fast with SERVICE_UNAVAILABLE (HTTP 503, Retry-After) instead of a masked 500; the pool
 * opens fresh connections once Postgres is back, so service resumes without a restart.
 */

/** Socket-level failures reaching the server (refused, reset, unresolvable, timed out). */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * SQLSTATEs of a server going away or refusing work: class 08 (connection exception), 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down),
 * 53300 too_many_connections.
 */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres says when a connection dies under a query or the pool cannot hand one out. */
const driverMessages = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export type DatabaseFault = 'unavailable' | 'timeout';

/** Classifies an error (or the error it wraps) as a database fault, or undefined for anything else. */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  for (let current = error as Record<string, unknown> | undefined, hops = 0; current && typeof current === 'object' && hops < 6; hops += 1) {
    const code = typeof current.code === 'string' ? current.code : undefined;
    if (code === '57014') return 'timeout';
    if (code && (networkCodes.has(code) || unavailableStates.has(code) || code.startsWith('08'))) return 'unavailable';
    if (typeof current.message === 'string' && driverMessages.some((pattern) => pattern.test(current!.message as string))) return 'unavailable';
    // AggregateError (a failed connect to several addresses) keeps the causes in `errors`.
    if (Array.isArray(current.errors) && current.errors.some((inner) => databaseFault(inner) !== undefined)) return 'unavailable';
    // graphql-js wraps a thrown non-Error (or an Error of another realm) as NonErrorThrown.
    current = (current.originalError ?? current.cause ?? current.thrownValue) as Record<string, unknown> | undefined;
  }
  return undefined;
}

/** Seconds a client should wait before retrying after a database fault. */
export const databaseRetryAfterSeconds = 2;

/** The codes a database fault is answered with; a response carrying one is a 503 with Retry-After. */
export const databaseFaultCodes: ReadonlySet<string> = new Set(['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT']);

/** The coded error a caller sees for a database fault. */
export function databaseFaultError(fault: DatabaseFault): CascadeError {
  return fault === 'timeout'
    ? new CascadeError('QUERY_TIMEOUT', 'A statement ran past the statement timeout and was cancelled; narrow the range or retry.')
    : new CascadeError('SERVICE_UNAVAILABLE', 'The database is unreachable; the request was not run. Retry shortly.', { retryAfterSeconds: databaseRetryAfterSeconds });
}

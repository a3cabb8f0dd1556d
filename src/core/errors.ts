import { GraphQLError } from 'graphql';

/**
 * Every code a client can see in `extensions.code`. One exhaustive list: the schema's
 * `ErrorCode` enum and docs/errors.md are generated from it, and `formatError` lets no other
 * code out.
 */
export const errorCodes = {
  BAD_USER_INPUT: 'An argument is malformed or out of range; `extensions.argument` names it.',
  UNKNOWN_ASSET: 'No asset has that ticker.',
  UNKNOWN_VENUE: 'No venue has that slug.',
  UNKNOWN_COHORT: 'The asset has no holder cohort with that slug.',
  INVALID_TIME_RANGE: '`from` is not before `to`, or a date is not a real date.',
  TOO_MANY_BUCKETS: 'The range divided by the interval exceeds the bucket limit (10,000).',
  INVALID_INTERVAL: 'The dataset is not stored at that resolution (ETF flows, cohorts and exchange flows are daily).',
  INVALID_CURSOR: 'The `after` cursor was not issued by this API.',
  INVALID_PAGE_SIZE: '`first` is negative or above the page limit (500).',
  INVALID_BAND: 'Depth is stored for bands 0.01 and 0.02 only.',
  SUBSCRIPTION_OVERFLOW: 'A subscription fell too far behind (1,000 undelivered events) and was ended; resubscribe.',
  TOO_MANY_SUBSCRIPTIONS: 'The WebSocket already holds `CASCADE_MAX_SUBSCRIPTIONS_PER_CONNECTION` live subscriptions (50 by default), or the caller `CASCADE_MAX_SUBSCRIPTIONS_PER_CALLER` on this server (200); `extensions.limit` and `extensions.per` say which. Complete one first.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not match the schema.',
  OPERATION_RESOLUTION_FAILURE: '`operationName` names no operation of the document, or the document holds several and none was named.',
  BAD_REQUEST: 'The request is malformed (body, media type, method, variables over 64 KB or nested deeper than 32 levels), or a subscription was sent over HTTP rather than WebSocket.',
  DOCUMENT_TOO_LARGE: 'The GraphQL document is longer than the server allows (`CASCADE_MAX_DOCUMENT_BYTES`, 64 KiB by default; `extensions.maxDocumentBytes` gives it); it was not parsed.',
  QUERY_TOO_COMPLEX: 'The operation exceeds the depth, alias, directive, token or cost bounds, or costs more than the caller\'s whole budget per minute; `extensions.cost` gives its cost.',
  UNAUTHENTICATED: 'The API key sent is unknown, malformed or revoked, or none was sent and this server requires keys (`Authorization: Bearer <key>` or `x-api-key`).',
  FORBIDDEN: 'The key lacks the scope the operation needs (`read` for queries, `stream` for subscriptions, `admin` for `ingestionStatus`); `extensions.requiredScope` names it.',
  RATE_LIMITED: 'The caller spent its budget for this minute; retry after `Retry-After` seconds (`extensions.retryAfterSeconds`). `extensions.cost` and `extensions.remaining` give the operation\'s cost and the budget left. A subscription whose next tick or check the budget cannot pay ends with it.',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted-query hash is unknown; send the document with it.',
  UNTRUSTED_DOCUMENT: 'This server runs only the documents of its trusted manifest; send a known `extensions.persistedQuery.sha256Hash` (or `documentId`).',
  SERVICE_UNAVAILABLE: 'The database is unreachable; the request was not run. Retry after `Retry-After` seconds.',
  QUERY_TIMEOUT: 'A statement ran past the statement timeout and was cancelled; narrow the range or retry.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; `extensions.errorId` finds it in the server log.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/**
 * The HTTP status a response gets when the code stops the whole operation before it runs (or,
 * for the database codes, when any field meets it). Codes not listed leave the status to
 * GraphQL over HTTP: 400 for a document refused before execution, 200 for a field error.
 */
export const errorHttpStatus: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  DOCUMENT_TOO_LARGE: 413,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  QUERY_TOO_COMPLEX: 400,
  UNTRUSTED_DOCUMENT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export interface ErrorDetails {
  /** The argument at fault, e.g. `filter.asset` or `to`. */
  argument?: string;
  [key: string]: unknown;
}

/** An expected error: its message is meant for the caller and names the argument at fault. */
export class CascadeError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export const badInput = (argument: string, message: string) => new CascadeError('BAD_USER_INPUT', message, { argument });

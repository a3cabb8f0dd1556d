import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the log needs to find a request again, kept for the request's whole async life: an
 * unexpected error's log line carries the request id, operation name and key prefix without
 * every function passing them along.
 */
export interface RequestScope {
  requestId: string;
  keyPrefix?: string;
  operationName?: string;
  transport?: 'http' | 'graphql-ws';
}

export const requestScopes = new AsyncLocalStorage<RequestScope>();

/** The current request's scope, or undefined outside a request. */
export function currentRequestScope(): RequestScope | undefined {
  return requestScopes.getStore();
}

/** A caller's x-request-id when it is a short token, else a fresh one (a header cannot inject log fields). */
export function requestIdFrom(header: unknown, fresh: () => string): string {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : fresh();
}

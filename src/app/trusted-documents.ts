import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CascadeError } from '../core/errors';

/**
 * Trusted-documents mode (CASCADE_TRUSTED_DOCUMENTS=<manifest>): only the documents of a manifest
 * written at build time run. Clients send a document's SHA-256 the way automatic persisted
 * queries do (`extensions.persistedQuery.sha256Hash`) or as `documentId`; a full text runs only
 * when it is, byte for byte, one of the manifest's documents.
 *
 * The manifest is `{ "<sha256 hex>": "<document>" }` or Apollo's persisted-query manifest
 * (`{ "format": "apollo-persisted-query-manifest", "operations": [{ "id", "body" }] }`).
 */
export type TrustedDocuments = ReadonlyMap<string, string>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function parseTrustedDocuments(json: string, source = 'manifest'): TrustedDocuments {
  const parsed = JSON.parse(json) as unknown;
  if (!parsed || typeof parsed !== 'object') throw new Error(`${source}: not a JSON object`);
  const entries: Array<[string, unknown]> =
    (parsed as { format?: string }).format === 'apollo-persisted-query-manifest'
      ? ((parsed as { operations?: Array<{ id: string; body: unknown }> }).operations ?? []).map((o) => [o.id, o.body])
      : Object.entries(parsed);
  const documents = new Map<string, string>();
  for (const [hash, body] of entries) {
    if (typeof body !== 'string') throw new Error(`${source}: the document of ${hash} is not a string`);
    // A hash that is not the document's own would let one approved text stand for another.
    if (hash.toLowerCase() !== sha256(body)) throw new Error(`${source}: ${hash} is not the SHA-256 of its document`);
    documents.set(hash.toLowerCase(), body);
  }
  return documents;
}

export function loadTrustedDocuments(file: string): TrustedDocuments {
  return parseTrustedDocuments(readFileSync(file, 'utf8'), file);
}

const untrusted = () =>
  new CascadeError('UNTRUSTED_DOCUMENT', 'This server runs only trusted documents: send a known `extensions.persistedQuery.sha256Hash` or `documentId`.');

function hashFrom(extensions: unknown, documentId: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  const id = typeof persisted === 'string' ? persisted : typeof documentId === 'string' ? documentId.replace(/^sha256:/, '') : undefined;
  return id?.toLowerCase();
}

/** The parts of a request that name its document, however it came (POST body, GET query string, graphql-ws subscribe). */
export interface DocumentReference {
  query?: unknown;
  extensions?: unknown;
  documentId?: unknown;
}

/** The document a request may run: its hash's text, or its own text when that is trusted. */
export function trustedQuery(documents: TrustedDocuments, request: DocumentReference): string {
  const hash = hashFrom(request.extensions, request.documentId);
  if (hash !== undefined) {
    const text = documents.get(hash);
    // An empty text beside a hash is how graphql-ws clients (whose `query` must be a string) send a hash alone.
    if (text === undefined || (typeof request.query === 'string' && request.query !== '' && request.query !== text)) throw untrusted();
    return text;
  }
  if (typeof request.query === 'string' && documents.get(sha256(request.query)) === request.query) return request.query;
  throw untrusted();
}

/** A POST body that runs `query`, its persisted-query extension and documentId consumed. */
export function postBodyRunning(body: unknown, query: string): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const request = body as { extensions?: Record<string, unknown>; documentId?: unknown };
  const { persistedQuery: _consumed, ...extensions } = request.extensions ?? {};
  const { documentId: _id, ...rest } = request;
  return { ...rest, query, extensions };
}

/** The same for a GET query string. */
export function searchRunning(search: string, query: string, extensions: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams(search);
  params.set('query', query);
  params.delete('documentId');
  if (extensions) {
    const { persistedQuery: _consumed, ...rest } = extensions;
    params.set('extensions', JSON.stringify(rest));
  }
  return `?${params.toString()}`;
}

import { createClient, Client } from 'graphql-ws';

/** The public GraphQL API only: the same requests any frontend would make. */
export async function query<T>(document: string, variables: Record<string, unknown>, key: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: document, variables }) });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

let wsClient: Client | undefined;
export function subscriptions(key: string): Client {
  wsClient ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
  });
  return wsClient;
}

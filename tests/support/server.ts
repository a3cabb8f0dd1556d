import { ServerClock } from '../../src/core/clock';
import { createLogger } from '../../src/core/logger';
import { RunningServer, startServer } from '../../src/app/server';
import { Db } from '../../src/db/sql';

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: Data;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

export interface TestServer extends RunningServer {
  /** POSTs an operation and returns the status and parsed body. */
  query<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Data>>;
}

/** A real Cascade API on a free loopback port, over the given database. */
export async function startTestServer(db: Db, options: { clock?: ServerClock; corsOrigins?: string[] } = {}): Promise<TestServer> {
  const server = await startServer({ db, port: 0, host: '127.0.0.1', logger: createLogger('silent'), clock: options.clock, corsOrigins: options.corsOrigins });
  const url = `http://127.0.0.1:${server.port}/graphql`;
  return {
    ...server,
    url,
    async query(query, variables, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any };
      return { status: response.status, headers: response.headers, data: body.data ?? undefined, errors: body.errors };
    },
  };
}

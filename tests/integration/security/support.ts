import { ChildProcess, spawn } from 'node:child_process';
import { AccessOptions } from '../../../src/app/access';
import { createLogger } from '../../../src/core/logger';
import { RunningServer, ServerOptions, startServer } from '../../../src/app/server';
import { runCli } from '../../../src/cli';
import { Db } from '../../../src/db/sql';
import { builtEntry } from '../../support/built';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export interface SecuredServer extends RunningServer {
  url: string;
  /** POSTs an operation with the given headers and returns status, headers and parsed body. */
  post(query: string, options?: { variables?: Record<string, unknown>; key?: string; headers?: Record<string, string> }): Promise<Reply>;
}

export async function postTo(url: string, query: string, options: { variables?: Record<string, unknown>; key?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* a non-JSON body stays text, for the test to see */
  }
  return { status: response.status, headers: response.headers, body };
}

/** A real API on a loopback port with keys and budgets configured as given. */
export async function startSecuredServer(db: Db, access: AccessOptions, extra: Partial<ServerOptions> = {}): Promise<SecuredServer> {
  const server = await startServer({ db, port: 0, host: '127.0.0.1', logger: createLogger('silent'), access, ...extra });
  const url = `http://127.0.0.1:${server.port}/graphql`;
  return { ...server, url, post: (query, options) => postTo(url, query, options) };
}

/** `cascade …` in-process against DATABASE_URL: what it printed on stdout and stderr, and its exit code. */
export async function cascade(databaseUrl: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { DATABASE_URL: process.env.DATABASE_URL, CASCADE_LOG_LEVEL: process.env.CASCADE_LOG_LEVEL };
  Object.assign(process.env, { DATABASE_URL: databaseUrl, CASCADE_LOG_LEVEL: 'silent' });
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const table = jest.spyOn(console, 'table').mockImplementation((rows: unknown) => void out.push(JSON.stringify(rows)));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  try {
    const code = await runCli(['node', 'cascade', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    table.mockRestore();
    error.mockRestore();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** The compiled API (`node dist/src/main.js --api-only`) as a real OS process on `databaseUrl`. */
export function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [builtEntry('src/main.js'), '--api-only'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', CASCADE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+\/graphql)/.exec(output);
      if (match) resolve({ child, url: match[1].replace('localhost', '127.0.0.1'), output: () => output });
    });
    child.once('exit', (code) => reject(new Error(`API process exited with ${code}: ${output}`)));
  });
}

/** Stops a child API with SIGTERM and resolves with its exit code. */
export async function stopApiProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** Polls `check` until it returns a truthy value or the deadline passes (no fixed sleeps). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, stepMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

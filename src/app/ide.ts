import { createReadStream, existsSync, statSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { distDir } from '../core/paths';

/**
 * GraphiQL is bundled at build time into dist/ide (scripts/build-ide.mjs) and served from
 * here, so the IDE works with no network: no CDN, no font or script from elsewhere.
 */
export const ideDir = path.join(distDir, 'ide');

const mediaTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** A browser navigating to /graphql (GET, wants HTML, no operation in the URL) gets the IDE. */
export function wantsIde(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

function sendFile(res: ServerResponse, file: string, cache: string): void {
  const type = mediaTypes[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': cache });
  createReadStream(file).pipe(res);
}

/** The IDE page itself, for a browser at /graphql. */
export function serveIdePage(res: ServerResponse): void {
  const index = path.join(ideDir, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Cascade</title><p>The IDE is not built: run <code>npm run build</code>.</p>');
    return;
  }
  sendFile(res, index, 'no-cache');
}

/** Serves files of `dir` under `prefix` (`/ide/…`, `/dashboard/…`); false for any other path. */
function serveUnder(req: IncomingMessage, res: ServerResponse, pathname: string, prefix: string, dir: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!pathname.startsWith(prefix)) return false;
  const file = path.normalize(path.join(dir, pathname.slice(prefix.length)));
  if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  sendFile(res, file, 'public, max-age=3600');
  return true;
}

/** Serves `/ide/*` (the IDE's bundled assets); false for any other path. */
export async function serveIdeAsset(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  return serveUnder(req, res, pathname, '/ide/', ideDir);
}

export const dashboardDir = path.join(distDir, 'dashboard');

/** The chart page at `/dashboard` and its assets; false for any other path. */
export async function serveDashboard(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  if ((pathname === '/dashboard' || pathname === '/dashboard/') && req.method === 'GET') {
    const index = path.join(dashboardDir, 'index.html');
    if (!existsSync(index)) return false;
    sendFile(res, index, 'no-cache');
    return true;
  }
  return serveUnder(req, res, pathname, '/dashboard/', dashboardDir);
}

// Bundles the browser pages (the GraphiQL IDE, the dashboard) into dist/ with esbuild: every script,
// style and font is served by Cascade itself, so the IDE works with no network at all.
// (esbuild is fine here: browser code needs no decorator metadata; the server uses tsc.)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'ide');
mkdirSync(outDir, { recursive: true });

/** examples/*.graphql, each opened as a tab; the file's leading comment says what it answers. */
function loadExamples() {
  const dir = path.join(root, 'examples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ name: file.replace(/\.graphql$/, ''), query: readFileSync(path.join(dir, file), 'utf8') }));
}

const started = Date.now();
await build({
  entryPoints: [path.join(root, 'web', 'ide', 'index.tsx')],
  outfile: path.join(outDir, 'ide.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  jsx: 'automatic',
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
  assetNames: '[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"', CASCADE_EXAMPLES: JSON.stringify(loadExamples()) },
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'web', 'ide', 'index.html'), path.join(outDir, 'index.html'));

// The chart page: the same offline rule, its own bundle.
const dashboardDir = path.join(root, 'dist', 'dashboard');
mkdirSync(dashboardDir, { recursive: true });
await build({
  entryPoints: [path.join(root, 'web', 'dashboard', 'index.ts')],
  outfile: path.join(dashboardDir, 'dashboard.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'web', 'dashboard', 'index.html'), path.join(dashboardDir, 'index.html'));
console.log(`IDE and dashboard bundled into dist/ in ${Date.now() - started} ms`);

// Where the bench finds the project and its build. The runner imports Cascade's own code from
// dist/ (built by `npm run bench` first), so the bench loads data and captures SQL exactly as
// the service does instead of keeping a copy that could drift.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const benchDir = path.join(root, 'bench');

const require = createRequire(import.meta.url);

/** A CommonJS module of the build, e.g. `dist('src/db/embedded.js')`. */
export function dist(relative) {
  return require(path.join(root, 'dist', relative));
}

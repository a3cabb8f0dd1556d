import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, whether running from src/ (tests) or dist/src/ (compiled). */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

export const projectRoot = findRoot(__dirname);
export const distDir = path.join(projectRoot, 'dist');

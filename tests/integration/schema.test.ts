import { buildSchema, findBreakingChanges, GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { buildCascadeSchema, printCascadeSchema } from '../../src/app/schema';
import { schemaFile } from '../../src/app/schema-file';
import { contractCopy } from '../contract/contract';

describe('the emitted schema', () => {
  it('is the one committed at schema/schema.graphql (run `npm run schema` after changing resolvers)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printCascadeSchema());
  });

  it('breaks nothing in the public contract', () => {
    const contract = buildSchema(readFileSync(contractCopy, 'utf8'));
    const breaking = findBreakingChanges(contract, buildCascadeSchema()).map((c) => `${c.type}: ${c.description}`);
    expect(breaking).toEqual([]);
  });

  it('describes every type and root field it exposes', () => {
    const schema = buildCascadeSchema();
    const undocumented: string[] = [];
    for (const rootType of [schema.getQueryType(), schema.getSubscriptionType()]) {
      for (const field of Object.values((rootType as GraphQLObjectType | null)?.getFields() ?? {})) {
        if (!field.description) undocumented.push(`${rootType!.name}.${field.name}`);
      }
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
    }
    expect(undocumented).toEqual([]);
  });
});

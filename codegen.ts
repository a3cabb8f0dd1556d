import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: typed documents for every example operation, from the committed schema
 * (no server needed). Clients import `clients/generated/operations.ts` (docs/clients.md).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['examples/*.graphql'],
  generates: {
    'clients/generated/operations.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: {
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        skipTypename: true,
      },
    },
  },
};

export default config;

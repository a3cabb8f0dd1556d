/** Tests run TypeScript through swc (fast, keeps decorator metadata) against a real Postgres. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
    // ccxt's CommonJS build (the oracle in tests/ingest/ccxt-oracle.test.ts) requires @noble's and @scure's ES modules.
    // parse5 (the HTML table reader, src/ingest/text-table.ts) and its entities are ES modules too.
    '^.+/node_modules/(@noble|@scure|parse5|entities)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@noble|@scure|parse5|entities)/)'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 120000,
  maxWorkers: 2,
};

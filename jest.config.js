/**
 * One jest run covers every tier: unit specs beside the code, integration specs against the
 * real PostgreSQL and Redis, e2e specs that boot the apps, and a slice of the feeds corpus
 * (bench/feeds-corpus/test: the whole corpus is `npm run corpus:feeds`). ESM throughout (Nest 12
 * is ESM-only), so jest runs with --experimental-vm-modules and swc emits ES modules.
 */
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/bench', '<rootDir>/docker'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    // A CommonJS package that requires ESM-only Nest: see the file.
    '^@nestjs/throttler$': '<rootDir>/scripts/jest-nestjs-throttler.js',
    '^@app/(api|worker|cli)$': '<rootDir>/apps/$1/src/index.ts',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  // Built code (@app/platform, @app/testing dist): npm test builds first.
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.js',
  testTimeout: 60_000,
  maxWorkers: 2,
};

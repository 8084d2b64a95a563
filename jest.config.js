/**
 * Jest runs in ESM mode (NestJS 12 is ESM-only): NODE_OPTIONS=--experimental-vm-modules, ts-jest with useESM.
 * ts-jest only transpiles (isolatedModules): type checking is `npm run typecheck`, which `npm test` runs first.
 */
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.jest.json' }],
};
const common = {
  // Node's environment, where a node-postgres deprecation warning fails the test (test/setup/pg-warnings-environment.js)
  testEnvironment: '<rootDir>/test/setup/pg-warnings-environment.js',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
};

module.exports = {
  testTimeout: 60000,
  maxWorkers: process.env.JEST_MAX_WORKERS || 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      // the staff console in Debian's Chromium against the real service (needs `npm run build:console`)
      ...common,
      displayName: 'console',
      testMatch: ['<rootDir>/test/console/**/*.console-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};

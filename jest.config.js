/** Jest: TypeScript through ts-jest (transpile only), one shared database per worker (see test/support). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/worker-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/busy-connection-guard.ts'],
  maxWorkers: 2,
  testTimeout: 30000,
  slowTestThreshold: 20,
};

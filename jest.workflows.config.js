/**
 * Workflow tests: a time-skipping Temporal test server, a real PostgreSQL and a real worker. Slow to start,
 * so they run apart from the unit tests, one file at a time on this 2-core machine.
 */
const unit = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  roots: [
    '<rootDir>/test/workflows',
    '<rootDir>/test/api',
    '<rootDir>/test/delivery',
    '<rootDir>/test/browser',
  ],
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['**/*.spec.ts'],
  globalSetup: '<rootDir>/test/workflows/global-setup.ts',
  globalTeardown: '<rootDir>/test/workflows/global-teardown.ts',
  testTimeout: 180_000,
  maxWorkers: 1,
  // Every file tears its servers down, but a handle a future test forgets (a child's pipe, a native
  // runtime thread) would keep the run alive until CI's limit; results are written before exit.
  forceExit: true,
};

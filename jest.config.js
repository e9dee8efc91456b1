/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/domain',
    '<rootDir>/apps',
    '<rootDir>/db',
    '<rootDir>/net',
    '<rootDir>/temporal',
    '<rootDir>/test',
  ],
  testMatch: ['**/*.spec.ts'],
  // Workflow and API tests need servers: jest.workflows.config.js runs them.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/workflows/',
    '<rootDir>/test/api/',
    '<rootDir>/test/delivery/',
  ],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  watchman: false,
};

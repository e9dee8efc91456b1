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
    '<rootDir>/test/browser/',
  ],
  // openid-client and what it imports ship only as ES modules, which Jest's CommonJS runtime cannot
  // require on Node 20; swc turns them into CommonJS like our own files. Node itself loads them natively.
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  transform: {
    '/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
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

// One Jest configuration for the whole workspace: tests run from TypeScript sources through SWC.
const path = require('node:path');

const esmOnlyPackages = ['@nestjs', 'jose', 'file-type', 'token-types', 'strtok3', '@tokenizer', 'uint8array-extras', 'load-esm'];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
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
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@privacy-ledger/([a-z-]+)$': path.join(__dirname, 'libs/$1/src/index.ts'),
  },
  globalSetup: '<rootDir>/libs/testing/src/jest.global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest.global-teardown.ts',
  reporters: ['default', '<rootDir>/libs/testing/ci-no-skips.reporter.js'],
  testTimeout: 60000,
  maxWorkers: 2,
};

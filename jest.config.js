// Three projects: unit specs beside the code (no I/O), integration and e2e under test/ (real services).
// The WebAssembly kernels are compiled before any test runs (globalSetup; e2e's `npm run build` does it).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
// PGlite loads Node built-ins with import(), which jest's CommonJS sandbox cannot run: compile it too.
const pgliteSwc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];
const common = {
  transform: {
    '^.+\\.ts$': swc,
    'node_modules/@electric-sql/pglite/dist/.+\\.c?js$': pgliteSwc,
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  moduleNameMapper: { '^@recsys/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/build-kernels.ts',
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/build-kernels.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/support/build-apps.ts',
    },
  ],
};

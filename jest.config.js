// Unit tests sit beside the code (src/**/*.spec.ts); e2e suites in test/ run against a real PostgreSQL
// prepared once by test/global-setup.ts (DATABASE_URL, else an embedded PostgreSQL).
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
module.exports = {
  testTimeout: 60000,
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};

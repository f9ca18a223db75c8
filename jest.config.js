// Jest runs TypeScript through swc (fast, no type check: `npm run typecheck` does that).
// Dynamic import() is left alone so pdfjs-dist, an ES module, loads under --experimental-vm-modules.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/services', '<rootDir>/shared'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs', ignoreDynamic: true },
    }],
  },
  testTimeout: 120000,
  maxWorkers: 2,
};

// Jest runs TypeScript through ts-jest, transpiling only (`npm run typecheck` checks types). Dynamic
// import() is kept as it is (module node16), so pdfjs-dist, an ES module, loads under --experimental-vm-modules.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/services', '<rootDir>/shared'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        isolatedModules: true,
        tsconfig: { module: 'node16', moduleResolution: 'node16', target: 'es2022', esModuleInterop: true },
      },
    ],
  },
  // Integration suites share two cores with each other (OCR in the services, the robustness suite's own pool):
  // a scan that takes a minute alone can take four. Their waits are bounded by the tests themselves.
  testTimeout: 600000,
  testSequencer: '<rootDir>/test/support/slow-first-sequencer.js',
  // Two workers for the two cores, and a third for outage-long, which spends most of its quarter hour waiting out
  // outages (the sequencer starts it first).
  maxWorkers: 3,
};

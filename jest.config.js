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
  // Two workers for the two cores, and two for the suites that spend much of their time waiting: outage-long waits
  // out eight minutes of outages (the sequencer starts it first), and the fault suites (crash, outage, signals) wait
  // on processes they stopped and on retries. With three, on a fresh machine at 23d746e, the suites' times summed to
  // 97% of three workers' whole run (7427 s of 3 x 2542 s): no worker was free for a suite that had CPU to use.
  maxWorkers: 4,
};

// Jest's own order, with the suites that take minutes first, longest first. On a fresh machine jest knows no durations
// yet and starts the largest files first, so long suites in small files started late and ran on alone at the end
// while the other workers idled (on a fresh machine at 23d746e: generated-tables, 381 s, started at 2115 s of 2542,
// orientation, 231 s, at 2311 s). The order is that run's, longest first, except outage-long: it is the longest in
// wall time (about 8 minutes of outages alone), mostly waiting, and goes first.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW = [
  'integration/outage-long.test.ts',
  'integration/captures.test.ts',
  'integration/robustness-hard.test.ts',
  'integration/crash.test.ts',
  'integration/robustness-plain.test.ts',
  'integration/pages-browser.test.ts',
  'integration/outage.test.ts',
  'integration/pipeline.test.ts',
  'integration/generated-tables.test.ts',
  'integration/orientation.test.ts',
  'integration/fuzz.test.ts',
  'integration/upload-service.test.ts',
  'integration/signals.test.ts',
];

class SlowFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const i = SLOW.findIndex((suffix) => test.path.endsWith(suffix));
      return i < 0 ? SLOW.length : i;
    };
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirst;

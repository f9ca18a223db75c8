// Jest's own order, with the suites that take many minutes first, longest first (on a fresh machine at a9b765f:
// robustness 1266 s, captures 932 s, crash 445 s, outage 433 s; robustness is two suites since, plain and hard). There jest knows no durations yet and starts the
// largest files first, so these small files started late and ran on alone at the end while the other worker idled.
// outage-long comes first: it is the longest in wall time (about 8 minutes of outages alone), mostly waiting.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW = [
  'integration/outage-long.test.ts',
  'integration/robustness-hard.test.ts',
  'integration/robustness-plain.test.ts',
  'integration/captures.test.ts',
  'integration/crash.test.ts',
  'integration/outage.test.ts',
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

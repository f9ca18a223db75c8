// Jest's own order, with the suites that take many minutes first. On a fresh machine (CI's clean clone) jest knows
// no durations yet and starts the largest files first, so the robustness and unseen-capture suites (small files,
// 10-20 minutes each of rendering and OCR) started late and ran on alone at the end while the other worker idled.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW = ['integration/robustness.test.ts', 'integration/captures.test.ts'];

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

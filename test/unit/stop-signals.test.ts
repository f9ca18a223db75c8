// What a process does with each stop signal: the first drains, a second SIGTERM while draining is ignored (a
// process group's SIGTERM and the supervisor's arrive together), a second SIGINT or a third signal forces.
import { signalAction } from '../../shared/runtime/stop-signals';

describe('signalAction', () => {
  it('drains on the first signal, whichever', () => {
    expect(signalAction(['SIGTERM'])).toBe('drain');
    expect(signalAction(['SIGINT'])).toBe('drain');
  });

  it('ignores a second signal unless it is a second SIGINT', () => {
    expect(signalAction(['SIGTERM', 'SIGTERM'])).toBe('ignore');
    expect(signalAction(['SIGINT', 'SIGTERM'])).toBe('ignore');
    expect(signalAction(['SIGTERM', 'SIGINT'])).toBe('ignore');
    expect(signalAction(['SIGINT', 'SIGINT'])).toBe('force');
  });

  it('forces on a third signal', () => {
    expect(signalAction(['SIGTERM', 'SIGTERM', 'SIGTERM'])).toBe('force');
  });
});

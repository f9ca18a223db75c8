// The deliveries a worker notes as cut when it loses the broker: those it holds, and those it settled within the
// time the broker may have dropped their ack; nothing older.
import { HeldDeliveries } from '../../shared/broker/held-deliveries';

/** Deliveries tracked on a clock the test moves, in doubt for 1000 ms after they are settled. */
function tracked() {
  const clock = { ms: 0 };
  return { clock, deliveries: new HeldDeliveries<string>(1000, () => clock.ms) };
}

describe('the deliveries a lost connection may have cut', () => {
  it('are those held, and those settled within the doubt, whose ack the broker may have dropped', () => {
    const { clock, deliveries } = tracked();
    deliveries.hold('a', 'q|a|1');
    deliveries.hold('b', 'q|b|1');
    clock.ms = 500;
    deliveries.settle('a');
    expect(deliveries.holding).toBe(1);
    clock.ms = 1500;
    expect(deliveries.cut()).toEqual(['q|b|1', 'q|a|1']);
  });

  it('leave out a delivery settled longer ago than the doubt', () => {
    const { clock, deliveries } = tracked();
    deliveries.hold('a', 'q|a|1');
    deliveries.settle('a');
    clock.ms = 1001;
    expect(deliveries.cut()).toEqual([]);
  });

  it('name a delivery settled twice once (given back, delivered again, settled)', () => {
    const { deliveries } = tracked();
    for (const copy of ['first', 'again']) {
      deliveries.hold(copy, 'q|a|1');
      deliveries.settle(copy);
    }
    expect(deliveries.cut()).toEqual(['q|a|1']);
  });

  it('ignore the settling of a delivery never held', () => {
    const { deliveries } = tracked();
    deliveries.settle('unknown');
    expect(deliveries.cut()).toEqual([]);
  });
});

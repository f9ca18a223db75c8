// Which deliveries a worker that loses the broker notes as cut (CutDeliveries in broker.ts): those it holds, and those
// it settled just before, whose ack the broker may never have read. AMQP acks are not confirmed: an ack written after
// the broker began to close the connection, but before the worker read that close, is dropped, and the message comes
// back redelivered as if the worker had died holding it.

// How long after a delivery was settled the broker's going away may still have dropped its ack. The ack is lost only
// if the broker closed the connection before reading it, and the worker sees that close at its next turn of the event
// loop: the gap is the broker's delay in reading plus the worker's stall. In a run of outage-long beside two busy
// loops the OCR worker saw the close 5 s after the other workers (a page's processing held its event loop); a minute
// is twelve times that. Generous on purpose: a note too many (an ack the broker did read) is never taken, costs one
// row until it is forgotten (cut-deliveries.repository.ts), and at worst leaves uncounted one later death of a
// worker holding a copy of the same message at the same attempt.
export const SETTLED_IN_DOUBT_MS = 60_000;

/** The deliveries being handled, by a handle of the caller's (amqplib's message), and those settled lately. */
export class HeldDeliveries<D> {
  private readonly held = new Map<D, string>();
  /** Keys of the deliveries settled lately, oldest first. */
  private readonly settled: { key: string; at: number }[] = [];

  /** `now`: a monotonic clock in milliseconds. */
  constructor(
    private readonly inDoubtMs = SETTLED_IN_DOUBT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Deliveries being handled now. */
  get holding(): number {
    return this.held.size;
  }

  /** A delivery taken up, known in CutDeliveries by `key`. */
  hold(delivery: D, key: string): void {
    this.held.set(delivery, key);
  }

  /** A delivery settled (acked or given back): in doubt for `inDoubtMs` more. */
  settle(delivery: D): void {
    const key = this.held.get(delivery);
    if (key === undefined) {
      return;
    }
    this.held.delete(delivery);
    this.forgetOld();
    this.settled.push({ key, at: this.now() });
  }

  /** The keys of the deliveries a lost connection may have cut: held now, or settled within `inDoubtMs`. */
  cut(): string[] {
    this.forgetOld();
    return [...new Set([...this.held.values(), ...this.settled.map((s) => s.key)])];
  }

  private forgetOld(): void {
    const since = this.now() - this.inDoubtMs;
    while (this.settled.length > 0 && this.settled[0].at < since) {
      this.settled.shift();
    }
  }
}

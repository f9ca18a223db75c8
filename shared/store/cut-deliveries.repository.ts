// Deliveries cut by the broker's going away (a restart, the network to it lost), noted by the worker that held them
// as it exits and taken once by the worker that gets their redelivery: such a redelivery spends no attempt, while
// one after a worker's death still does (shared/broker/broker.ts, CutDeliveries).
import type { CutDeliveries } from '../broker/broker';
import type { Database } from './database';

// A note never taken (its message deleted with its queue, or acked before its redelivery could be looked up) is
// forgotten after a day: redeliveries come within seconds of the broker's return.
const FORGET_AFTER_MS = 24 * 3600 * 1000;

/** CutDeliveries kept in the `cut_deliveries` collection. */
export function cutDeliveries(database: Database): CutDeliveries {
  return {
    async record(keys) {
      const at = new Date();
      await Promise.all(
        keys.map((key) => database.cutDeliveries.updateOne({ _id: key }, { $set: { at } }, { upsert: true })),
      );
      await database.cutDeliveries.deleteMany({ at: { $lt: new Date(at.getTime() - FORGET_AFTER_MS) } });
    },
    async take(key) {
      return (await database.cutDeliveries.deleteOne({ _id: key })).deletedCount === 1;
    },
  };
}

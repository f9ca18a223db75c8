// The report's lease on the real database. A writer killed while holding it (a normalisation worker killed
// mid-assembly) leaves a lease that expires soon enough for the next writer, the redelivered assembly, to get it
// within its wait: before, the lease lasted 30 s against a 10 s wait, and the redelivery failed twice. A live
// holder whose write outlasts the lease keeps it by renewing it.
import { connectDatabase, Database } from '../../shared/store/database';
import { LEASE_MS, withReportLease } from '../../shared/store/report-lease';
import { dropNamespace, testConfig } from '../support/namespace';

const config = testConfig();
let database: Database;

beforeAll(async () => {
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
});

afterAll(async () => {
  await database.client.close();
  await dropNamespace(config);
});

it('lets the next writer in, within its wait, when the holder was killed just after taking the lease', async () => {
  // What a holder killed just after taking the lease leaves: its lease, fresh.
  await database.leases.insertOne({ _id: 'report:killed', token: 'killed-holder', expiresAt: new Date(Date.now() + LEASE_MS) });
  expect(await withReportLease(database, 'killed', async () => 'written')).toBe('written');
  expect(await database.leases.countDocuments({ _id: 'report:killed' })).toBe(0);
});

it('keeps a live holder\'s lease past LEASE_MS: nobody else writes until it is done', async () => {
  const events: string[] = [];
  const holder = withReportLease(database, 'long', async () => {
    events.push('holder in');
    await new Promise((r) => setTimeout(r, LEASE_MS + 2500));
    events.push('holder out');
  });
  while (events.length === 0) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const next = withReportLease(database, 'long', async () => {
    events.push('next in');
  });
  await Promise.all([holder, next]);
  expect(events).toEqual(['holder in', 'holder out', 'next in']);
}, 30000);

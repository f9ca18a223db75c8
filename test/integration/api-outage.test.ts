// The API while the database is away, on a FerretDB of the test's own: with its PostgreSQL cut (FerretDB up,
// answering InternalError) and with FerretDB itself stopped, every request that needs the database is answered
// 503 with Retry-After and a sentence, never 500 (before: "500 internal error", after 10 s when FerretDB was
// down); /readyz says 503, /healthz 200; once the database is back the same requests pass.
import request from 'supertest';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import { blankPdf } from '../support/pdfs';
import { Client, asAdmin } from '../support/auth';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';
import { PrivateFerretDb, privateFerretDb } from '../support/private-ferretdb';

let ferret: PrivateFerretDb;
let config: ReturnType<typeof testConfig>;
let upload: RunningUpload;
let api: string;
let client: Client;

beforeAll(async () => {
  ferret = await privateFerretDb();
  config = testConfig({ MONGODB_URL: ferret.url });
  upload = await startUploadService(config);
  api = `http://127.0.0.1:${upload.port}`;
  client = await asAdmin(api);
}, 60000);

afterAll(async () => {
  await upload.stop();
  await dropNamespace(config);
  await ferret.close();
});

/** Every answer that needs the database, while it is away: 503, Retry-After, a sentence; and how long each took. */
async function expectUnavailable(): Promise<number[]> {
  const took: number[] = [];
  const timed = async (send: () => Promise<request.Response>) => {
    const started = Date.now();
    const res = await send();
    took.push(Date.now() - started);
    expect({ status: res.status, retryAfter: res.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '5' });
    expect(res.body.error).toMatch(/^the database is not reachable just now; nothing was changed/);
  };
  await timed(() => client.get('/api/documents'));
  await timed(() => client.get('/api/documents/0123456789abcdef01234567'));
  await timed(() => client.post('/api/documents').attach('file', blankPdf(1), 'during-outage.pdf'));
  await timed(() => client.get('/api/review/queue'));
  // The review desk's own requests: a save, a table confirmed at once, a page image.
  const doc = '/api/documents/0123456789abcdef01234567';
  await timed(() =>
    client.post(`${doc}/fields/applications.newlyReceived.total/review`).set('If-Match', '"x"').send({ raw: '1' }),
  );
  await timed(() => client.post(`${doc}/tables/applications/confirm`));
  await timed(() => client.get(`${doc}/pages/1/image?x=0&y=0&width=100&height=100`));
  expect((await request(api).get('/readyz')).status).toBe(503);
  expect((await request(api).get('/healthz')).status).toBe(200);
  return took;
}

async function expectServing(): Promise<void> {
  expect((await client.get('/api/documents')).status).toBe(200);
  expect((await request(api).get('/readyz')).status).toBe(200);
}

it('answers 503 with Retry-After while the PostgreSQL behind FerretDB is away', async () => {
  await expectServing();
  await ferret.postgres.cut();
  try {
    const took = await expectUnavailable();
    // FerretDB answers at once: so does the API.
    expect(Math.max(...took)).toBeLessThan(2000);
  } finally {
    await ferret.postgres.restore();
  }
  await expectServing();
}, 60000);

it('answers 503 with Retry-After while FerretDB itself is down', async () => {
  await ferret.stop();
  try {
    const took = await expectUnavailable();
    // The upload service's server selection gives up after 3 s (the driver would wait 30 s, the workers 10 s).
    expect(Math.max(...took)).toBeLessThan(6000);
  } finally {
    await ferret.start();
  }
  // The driver finds the server again at its next heartbeat.
  const deadline = Date.now() + 30000;
  while ((await client.get('/api/documents')).status !== 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  await expectServing();
}, 90000);

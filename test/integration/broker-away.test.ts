// The upload service while RabbitMQ is away (a relay in front of the real broker, cut and restored): the API and
// the pages keep serving, /readyz says not ready, an upload is stored and answered, and it is announced to the
// pipeline once the broker is back; a service started while the broker is away starts and catches up too.
import request from 'supertest';
import { queues } from '../../shared/broker/topology';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import { connectDatabase, Database } from '../../shared/store/database';
import { blankPdf } from '../support/pdfs';
import { asAdmin } from '../support/auth';
import { dropNamespace, queueDepth } from '../../harness/namespace';
import { eventually, testConfig } from '../support/namespace';
import { TcpProxy, relayed, tcpProxy } from '../support/tcp-proxy';

const base = testConfig();
let proxy: TcpProxy;
let database: Database;
const running: RunningUpload[] = [];

beforeAll(async () => {
  const target = new URL(base.AMQP_URL);
  proxy = await tcpProxy(target.hostname, Number(target.port || 5672));
  database = await connectDatabase(base.MONGODB_URL, base.MONGODB_DB);
});

afterAll(async () => {
  await Promise.all(running.map((u) => u.stop()));
  await proxy.close();
  await database.client.close();
  await dropNamespace(base);
});

const start = async () => {
  const upload = await startUploadService({ ...base, AMQP_URL: relayed(base.AMQP_URL, proxy.port) });
  running.push(upload);
  return `http://127.0.0.1:${upload.port}`;
};
const brokerReady = (api: string) => async () =>
  ((await request(api).get('/readyz')).body as { broker: boolean }).broker;

it('keeps serving while the broker is away, and announces what was uploaded meanwhile once it is back', async () => {
  const api = await start();
  expect((await request(api).get('/readyz')).status).toBe(200);

  await proxy.cut();
  await eventually(
    async () => ((await brokerReady(api)()) ? undefined : true),
    20000,
    'the service to see the broker gone',
  );
  expect((await request(api).get('/readyz')).status).toBe(503);
  expect((await request(api).get('/healthz')).status).toBe(200);
  expect((await request(api).get('/')).status).toBe(200);

  const client = await asAdmin(api);
  const upload = await client.post('/api/documents').attach('file', blankPdf(2), 'while-away.pdf');
  expect(upload.status).toBe(201);
  const id = upload.body.id as string;
  expect((await client.get(`/api/documents/${id}`)).body).toMatchObject({ status: 'queued' });
  expect((await database.documents.findOne({ _id: id }))?.announcedAt).toBeUndefined();
  // A second upload service started while the broker is away starts and serves.
  const late = await start();
  expect((await request(late).get('/healthz')).status).toBe(200);
  expect((await request(late).get('/readyz')).status).toBe(503);

  await proxy.restore();
  // Reconnection backoff: 1, 2, 4, ... s; the cut lasted a few seconds.
  await eventually(async () => ((await brokerReady(api)()) ? true : undefined), 40000, 'the service to reconnect');
  await eventually(async () => ((await brokerReady(late)()) ? true : undefined), 40000, 'the late service to connect');
  const announced = await eventually(
    async () => (await database.documents.findOne({ _id: id }))?.announcedAt,
    20000,
    'the announcement',
  );
  expect(announced).toBeInstanceOf(Date);
  // No reader runs in this namespace: the announcement waits in the split queue.
  expect((await queueDepth(base, queues.split)).ready).toBeGreaterThanOrEqual(1);
}, 120000);

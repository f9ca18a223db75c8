// A bounded fuzz of the upload and review endpoints on the real service, database and broker: a few thousand
// requests generated from a fixed seed (malformed ids and escapes, wrong types, operators, odd multipart forms
// and file contents), none of which may get a 5xx, hang or take the service down. The seed is printed on failure.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import { connectDatabase, Database } from '../../shared/store/database';
import { saveReport } from '../../shared/store/results.repository';
import { CORPUS, SHIZUISHAN, truthReport } from '../../harness/corpus';
import { blankPdf } from '../support/pdfs';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';
import { Client, asAdmin } from '../support/auth';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const REQUESTS = 3000;
const AT_ONCE = 16;
// A request that takes longer than this hangs: the slowest legitimate one here (a small upload) takes milliseconds.
const HANG_MS = 15000;

const config = testConfig({ UPLOADS_PER_MINUTE: 100_000 });
let upload: RunningUpload;
let database: Database;
let id: string;
let keys: string[];
let client: Client;

/** mulberry32: a small seeded generator, so a failing run can be replayed with FUZZ_SEED. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

const NASTY = [
  '',
  ' ',
  '.',
  '..',
  '../..',
  '%',
  '%2',
  '%ZZ',
  '%E0%A4%A',
  '%00',
  '$gt',
  '{"$ne":null}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '\u202e',
  '报告',
  'a'.repeat(5000),
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
];

function text(r: Random): string {
  switch (r.int(4)) {
    case 0:
      return r.pick(NASTY);
    case 1:
      return Array.from({ length: r.int(40) }, () => String.fromCodePoint(r.int(0x3000))).join('');
    case 2:
      return String(r.next() * 10 ** r.int(12) * (r.next() < 0.5 ? -1 : 1));
    default:
      return Array.from({ length: 1 + r.int(30) }, () => 'abcdef0123456789:.-_'[r.int(20)]).join('');
  }
}

/** A path segment: mostly escaped, sometimes a raw malformed escape. */
const segment = (r: Random) =>
  r.next() < 0.15 ? r.pick(['%', '%2', '%ZZ', '%E0%A4%A', '%C0', '%FF%FE']) : encodeURIComponent(text(r));

function value(r: Random, depth = 0): unknown {
  switch (r.int(depth > 2 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.next() * 1e6 - 5e5;
    case 3:
      return text(r);
    case 4:
      return r.pick([{ $gt: '' }, { $ne: null }, { $where: '1' }, { $regex: '.*' }]);
    case 5:
      return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [
          r.pick(['reviewer', 'raw', 'comment', '$set', 'x', text(r)]),
          value(r, depth + 1),
        ]),
      );
  }
}

function multipart(r: Random): { type: string; body: Buffer } {
  const boundary = `b${r.int(1e9)}`;
  const filename = r.pick([
    'a.pdf',
    '../../etc/passwd',
    'a\u0001b.pdf',
    '<b>x</b>.pdf',
    '报告.pdf',
    'x'.repeat(300),
    '',
    'a"b.pdf',
    text(r),
  ]);
  const contents = r.pick([
    () => Buffer.alloc(0),
    () => Buffer.from('not a pdf at all'),
    () => Buffer.from(`%PDF-1.4\n${text(r)}`),
    () => blankPdf(1 + r.int(3)).subarray(0, r.int(400)),
    () => Buffer.from(Array.from({ length: r.int(2000) }, () => r.int(256))),
    () => blankPdf(1, 1 + r.int(20000), 1 + r.int(20000)),
  ])();
  const field = r.next() < 0.85 ? 'file' : text(r);
  const head =
    r.next() < 0.9
      ? `Content-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf`
      : text(r);
  const tail = r.next() < 0.9 ? `\r\n--${boundary}--\r\n` : '';
  return {
    type: `multipart/form-data; boundary=${r.next() < 0.95 ? boundary : r.pick(['', '"', 'a b', '-'.repeat(90), 'x;y=z', 'other'])}`,
    body: Buffer.concat([Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), contents, Buffer.from(tail)]),
  };
}

/** One generated request; returns a short description for the failure message. */
function generate(r: Random, api: string): { describe: string; send: () => request.Test } {
  // Most requests as a user who may do everything, so they reach the handlers; the rest with no credentials.
  const as = r.next() < 0.9 ? client : request(api);
  const doc = () => (r.next() < 0.5 ? id : segment(r));
  const key = () => (r.next() < 0.5 ? r.pick(keys) : segment(r));
  switch (r.int(9)) {
    case 0: {
      const p = `/api/documents/${doc()}${r.pick(['', '/report', '/review', '/reviews'])}`;
      return { describe: `GET ${p}`, send: () => as.get(p) };
    }
    case 1: {
      const q = new URLSearchParams(
        Object.fromEntries(
          Array.from({ length: r.int(4) }, () => [r.pick(['status', 'limit', 'offset', 'x', 'status[$ne]']), text(r)]),
        ),
      ).toString();
      return { describe: `GET /api/documents?${q}`, send: () => as.get(`/api/documents?${q}`) };
    }
    case 2: {
      const q = new URLSearchParams(
        Object.fromEntries(['x', 'y', 'width', 'height'].filter(() => r.next() < 0.9).map((k) => [k, text(r)])),
      ).toString();
      const p = `/api/documents/${doc()}/pages/${r.next() < 0.5 ? String(r.int(10)) : segment(r)}/image?${q}`;
      return { describe: `GET ${p}`, send: () => as.get(p) };
    }
    case 3:
    case 4: {
      const p = `/api/documents/${doc()}/fields/${key()}/review`;
      const body = r.next() < 0.8 ? JSON.stringify(value(r)) : text(r);
      const type = r.pick(['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded']);
      return {
        describe: `POST ${p} ${type} ${body.slice(0, 80)}`,
        send: () => as.post(p).set('Content-Type', type).send(body),
      };
    }
    case 5: {
      const p = `/api/documents/${doc()}/retry`;
      return { describe: `POST ${p}`, send: () => as.post(p).send(JSON.stringify(value(r))) };
    }
    case 6:
    case 7: {
      const form = multipart(r);
      return {
        describe: `POST /api/documents multipart ${form.body.length} bytes`,
        send: () => as.post('/api/documents').set('Content-Type', form.type).send(form.body),
      };
    }
    default: {
      const p = `/${segment(r)}/${segment(r)}`;
      return {
        describe: `${r.pick(['GET', 'DELETE', 'PUT'])} ${p}`,
        send: () => as[r.pick(['get', 'delete', 'put'] as const)](p),
      };
    }
  }
}

beforeAll(async () => {
  upload = await startUploadService(config);
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  client = await asAdmin(`http://127.0.0.1:${upload.port}`);
  const file = `${SHIZUISHAN}.digital.pdf`;
  const res = await client.post('/api/documents').attach('file', readFileSync(path.join(CORPUS, file)), file);
  id = res.body.id as string;
  const report = truthReport(SHIZUISHAN, id, { filename: file, sha256: res.body.sha256 as string, pages: 7 });
  keys = Object.keys(report.fields);
  await saveReport(database, report);
}, 60000);

afterAll(async () => {
  await upload.stop();
  await database.client.close();
  await dropNamespace(config);
});

it(`answers ${REQUESTS} generated requests with no 5xx and no hang, and stays up`, async () => {
  const api = `http://127.0.0.1:${upload.port}`;
  const r = generator(SEED);
  const requests = Array.from({ length: REQUESTS }, () => generate(r, api));
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < requests.length; i += AT_ONCE) {
    await Promise.all(
      requests.slice(i, i + AT_ONCE).map(async ({ describe, send }) => {
        try {
          const res = await send()
            .timeout(HANG_MS)
            .ok(() => true);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) {
            failures.push(`${res.status} ${describe}: ${JSON.stringify(res.body).slice(0, 200)}`);
          }
        } catch (error) {
          failures.push(`no answer (${(error as Error).message}) ${describe}`);
        }
      }),
    );
  }
  expect({ seed: SEED, count: failures.length, failures: failures.slice(0, 10) }).toEqual({
    seed: SEED,
    count: 0,
    failures: [],
  });
  // Most requests are refused, but not all: the generator also reaches the real document and fields.
  expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
  expect((await request(api).get('/healthz')).status).toBe(200);
  expect((await client.get(`/api/documents/${id}/report`)).status).toBe(200);
}, 600000);

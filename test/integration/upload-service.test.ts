// The upload service alone, on the real broker and database (no readers: uploaded documents stay queued):
// bad requests get a clear 4xx and harm nothing; the sweep re-announces a document once per grace period.
// Each test works on documents of its own (a copy of the report with its own bytes), or reads the one fixture no
// test changes; a test that counts the whole database or queue runs on a service and database of its own. None
// depends on another's leftovers (jest --randomize runs them in any order).
import { readFileSync } from 'node:fs';
import { IncomingMessage, get } from 'node:http';
import path from 'node:path';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import { connectDatabase, Database } from '../../shared/store/database';
import { findReport, savePage, saveReport } from '../../shared/store/results.repository';
import { writeQueue } from '../../shared/store/review-queue.repository';
import { claimDocument } from '../../shared/store/review-claims.repository';
import { putFile } from '../../shared/store/files.repository';
import { encodePng } from '../../shared/adapters/image.adapter';
import { openPdfFile } from '../../shared/adapters/pdf.adapter';
import { checksOf, recheck } from '../../shared/domain/identities';
import { recordPageDone } from '../../shared/store/progress.repository';
import { markAnnounced } from '../../shared/store/documents.repository';
import { createLogger } from '../../shared/logging/logger';
import { requeueStalled } from '../../services/upload/src/requeue-sweep';
import type { Envelope } from '../../shared/contracts/messages';
import { CORPUS, SHIZUISHAN, YINCHUAN, pendingQueue, truthReport } from '../../harness/corpus';
import { blankPdf } from '../support/pdfs';
import { Client, asAdmin, asNewUser } from '../support/auth';
import { dropNamespace } from '../../harness/namespace';
import { eventually, testConfig } from '../support/namespace';
import { pageRecord } from '../../harness/page-record';
import { API_CODES, ApiCode, errorAnswerSchema } from '../../shared/contracts/api';

const config = testConfig();
const FIXTURES = path.join(__dirname, '../fixtures/pdfs');
const REPORT_FILE = `${SHIZUISHAN}.digital.pdf`;
let upload: RunningUpload;
let api: string;
let client: Client;
let database: Database;
/** A document with a stored report that no test changes: for tests that only read. */
let fixture: string;

/** The service's API, its admin client and its database. */
interface Service {
  api: string;
  client: Client;
  database: Database;
}

/**
 * Uploads a copy of the Shizuishan report (its own bytes: `% copy <name>` after %%EOF) and stores a report for it
 * as normalisation would, so the review API has fields to work on. The document's id and the bytes uploaded.
 */
async function reportCopy(
  name: string,
  on: Service = { api, client, database },
): Promise<{ id: string; bytes: Buffer }> {
  const bytes = Buffer.concat([readFileSync(path.join(CORPUS, REPORT_FILE)), Buffer.from(`\n% copy ${name}\n`)]);
  const res = await on.client.post('/api/documents').attach('file', bytes, REPORT_FILE);
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  await saveReport(
    on.database,
    truthReport(SHIZUISHAN, id, { filename: REPORT_FILE, sha256: res.body.sha256 as string, pages: 7 }),
  );
  return { id, bytes };
}

const ownServices: { service: RunningUpload; database: Database; config: typeof config }[] = [];

/** An upload service on a namespace of its own: for a test that counts what the whole database or queue holds. */
async function ownService(): Promise<Service> {
  const own = testConfig();
  const service = await startUploadService(own);
  const ownDatabase = await connectDatabase(own.MONGODB_URL, own.MONGODB_DB);
  ownServices.push({ service, database: ownDatabase, config: own });
  const ownApi = `http://127.0.0.1:${service.port}`;
  return { api: ownApi, client: await asAdmin(ownApi), database: ownDatabase };
}

beforeAll(async () => {
  upload = await startUploadService(config);
  api = `http://127.0.0.1:${upload.port}`;
  client = await asAdmin(api);
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  fixture = (await reportCopy('read-only fixture')).id;
}, 60000);

/** A report written by a test, gone with its place in the review queue. */
async function forget(documentId: string, db = database): Promise<void> {
  await Promise.all([
    db.reports.deleteOne({ _id: documentId }),
    db.reviewQueue.deleteOne({ _id: documentId }),
    db.reviewQueueFields.deleteOne({ _id: documentId }),
  ]);
}

/** A refusal as the API answers it: the status its code has, the sentence, the code and every parameter it lists. */
function expectRefused(
  res: { status: number; body: unknown },
  status: number,
  code: ApiCode,
  params: Record<string, string | number> = {},
): void {
  const body = errorAnswerSchema.parse(res.body);
  expect({ status: res.status, code: body.code, catalogued: API_CODES[code].status }).toEqual({
    status,
    code,
    catalogued: status,
  });
  expect(Object.keys(body.params).sort()).toEqual([...API_CODES[code].params].sort());
  expect(body.params).toMatchObject(params);
}

afterEach(async () => {
  for (const own of ownServices.splice(0)) {
    await own.service.stop();
    await own.database.client.close();
    await dropNamespace(own.config);
  }
});

afterAll(async () => {
  await upload.stop();
  await database.client.close();
  await dropNamespace(config);
});

describe('bad input', () => {
  it('refuses more pages than MAX_PAGES and pages larger than MAX_PAGE_INCHES, storing nothing', async () => {
    const before = await database.documents.countDocuments();
    const many = await client.post('/api/documents').attach('file', blankPdf(2000), 'many.pdf');
    expect(many.status).toBe(413);
    expect(many.body.error).toMatch(/2000 pages; at most 500/);
    expectRefused(many, 413, 'too-many-pages', { pages: 2000, limit: 500 });
    const huge = await client.post('/api/documents').attach('file', blankPdf(1, 14400, 14400), 'huge.pdf');
    expect(huge.status).toBe(422);
    expect(huge.body.error).toMatch(/page 1 is 14400 x 14400 pt/);
    expectRefused(huge, 422, 'page-too-large', { page: 1, inches: 200 });
    expect(await database.documents.countDocuments()).toBe(before);
    expect((await client.post('/api/documents').attach('file', blankPdf(3), 'fine.pdf')).status).toBe(201);
  });

  it('refuses an empty, a truncated and an encrypted PDF with a sentence, storing nothing', async () => {
    const before = await database.documents.countDocuments();
    const empty = await client.post('/api/documents').attach('file', Buffer.alloc(0), 'empty.pdf');
    expect({ status: empty.status, error: empty.body.error }).toEqual({
      status: 400,
      error: expect.stringMatching(/empty/),
    });
    expectRefused(empty, 400, 'empty-file');
    const whole = readFileSync(path.join(CORPUS, `${SHIZUISHAN}.digital.pdf`));
    const truncated = await client
      .post('/api/documents')
      .attach('file', whole.subarray(0, Math.floor(whole.length * 0.6)), 'cut.pdf');
    expect({ status: truncated.status, error: truncated.body.error }).toEqual({
      status: 422,
      error: expect.stringMatching(/cannot be read/),
    });
    expectRefused(truncated, 422, 'pdf-unreadable');
    const encrypted = await client
      .post('/api/documents')
      .attach('file', readFileSync(path.join(FIXTURES, 'encrypted.pdf')), 'locked.pdf');
    expect({ status: encrypted.status, error: encrypted.body.error }).toEqual({
      status: 422,
      error: expect.stringMatching(/password/),
    });
    expectRefused(encrypted, 422, 'pdf-encrypted');
    const text = await client.post('/api/documents').attach('file', Buffer.from('just words\n'), 'notes.pdf');
    expect(text.body.error).toMatch(/not a PDF/);
    expectRefused(text, 415, 'not-pdf');
    expectRefused(await client.post('/api/documents').field('other', 'x'), 400, 'no-file');
    expect(await database.documents.countDocuments()).toBe(before);
  });

  it('accepts a PDF carrying JavaScript and an embedded file, and keeps only the PDF itself', async () => {
    // pdfjs is opened with scripting off and eval unsupported: the document's script is never run, its
    // attachment never read out. Only the uploaded bytes are stored.
    const res = await client
      .post('/api/documents')
      .attach('file', readFileSync(path.join(FIXTURES, 'scripted.pdf')), 'scripted.pdf');
    expect(res.status).toBe(201);
    expect(res.body.pages).toBe(1);
    const files = await database.db
      .collection('files.files')
      .find({ 'metadata.documentId': res.body.id as string })
      .toArray();
    expect(files.map((f) => f.filename as string)).toEqual(['scripted.pdf']);
  });

  it('refuses a malformed multipart form with 400, not 500', async () => {
    const boundary = 'x';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0001b.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--${boundary}--\r\n`;
    const res = await client
      .post('/api/documents')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(Buffer.from(`--${boundary}\r\nBroken header without colon\r\n\r\nabc\r\n--${boundary}--\r\n`));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/multipart|file/);
    expectRefused(res, 400, 'bad-upload');
    const odd = await client
      .post('/api/documents')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(Buffer.from(body));
    expect(odd.status).toBe(400);
  });

  it('stores a filename without its path or control characters', async () => {
    const pdf = Buffer.concat([
      readFileSync(path.join(CORPUS, `${SHIZUISHAN}.digital.pdf`)),
      Buffer.from('\n% distinct\n'),
    ]);
    const res = await client.post('/api/documents').attach('file', pdf, '../../etc/re\tport<b>.pdf');
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('report<b>.pdf');
  });

  it('answers 409 with the document status for everything that needs a report the document does not have yet', async () => {
    const pdf = Buffer.concat([
      readFileSync(path.join(CORPUS, `${SHIZUISHAN}.digital.pdf`)),
      Buffer.from('\n% no report\n'),
    ]);
    const queued = (await client.post('/api/documents').attach('file', pdf, 'queued.pdf')).body.id as string;
    const base = `/api/documents/${queued}`;
    const asked: [string, Promise<{ status: number; body: { error?: string } }>][] = [
      ['report', client.get(`${base}/report`)],
      ['review list', client.get(`${base}/review`)],
      ['searchable PDF', client.get(`${base}/pdf`)],
      ['fields CSV', client.get(`${base}/fields.csv`)],
      ['tables workbook', client.get(`${base}/tables.xlsx`)],
      ['a table CSV', client.get(`${base}/tables/applications.csv`)],
      ['a review', client.post(`${base}/fields/applications.newlyReceived.total/review`).send({ raw: '1' })],
      ['a bulk confirmation', client.post(`${base}/tables/applications/confirm`)],
    ];
    for (const [what, answer] of asked) {
      const res = await answer;
      expect({
        what,
        status: res.status,
        error: res.body.error,
        documentStatus: (res.body as { status?: string }).status,
      }).toEqual({ what, status: 409, error: expect.stringMatching(/report is not ready/), documentStatus: 'queued' });
      expectRefused(res, 409, 'report-not-ready', { documentId: queued, status: 'queued' });
    }
  });

  it('answers a malformed %-escape in an id with 400', async () => {
    for (const url of [
      '/api/documents/%E0%A4%A',
      '/api/documents/%ZZ/report',
      `/api/documents/${fixture}/fields/%C0/review`,
    ]) {
      const res = await client.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
    }
  });

  it('answers a JSON body over the limit with 413', async () => {
    const { id } = await reportCopy('body over the limit');
    const res = await client
      .post(`/api/documents/${id}/fields/applications.newlyReceived.total/review`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ raw: '1', comment: 'x'.repeat(200000) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/too large/);
    expectRefused(res, 413, 'body-too-large', { limitKb: 100 });
  });

  it('takes MongoDB operators in queries, ids and bodies as plain text, never as operators', async () => {
    const { id } = await reportCopy('operators');
    const all = (await client.get('/api/documents')).body.total as number;
    const bracketed = await client.get('/api/documents?status[$ne]=done');
    expect(bracketed.status).toBe(200);
    expect(bracketed.body.total).toBe(all);
    const json = await client.get(`/api/documents?status=${encodeURIComponent('{"$ne":"done"}')}`);
    expect(json.status).toBe(400);
    expect(json.body.error).toMatch(/bad query: status/);
    expectRefused(json, 400, 'bad-request');
    expect((await client.get(`/api/documents/${encodeURIComponent('{"$ne":null}')}`)).status).toBe(404);
    const review = await client
      .post(`/api/documents/${id}/fields/applications.newlyReceived.total/review`)
      .send({ raw: { $gt: '' } });
    expect(review.status).toBe(400);
    expect((await client.get(`/api/documents/${id}/reviews`)).body.reviews).toEqual([]);
  });

  it('knows no field named after an object property, and writes nothing for it', async () => {
    const { id } = await reportCopy('object properties');
    for (const key of ['constructor', '__proto__', 'toString']) {
      const res = await client.post(`/api/documents/${id}/fields/${key}/review`).send({ raw: '5' });
      expect({ key, status: res.status }).toEqual({ key, status: 404 });
      expectRefused(res, 404, 'field-not-found', { field: key });
    }
    expect((await client.get(`/api/documents/${id}/reviews`)).body.reviews).toEqual([]);
  });

  it('keeps two reviews of one field made in the same millisecond', async () => {
    const { id } = await reportCopy('same millisecond');
    const key = 'applications.newlyReceived.total';
    // The service runs in this process: one clock reading for both makes the same millisecond certain.
    const clock = jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    const a = await client.post(`/api/documents/${id}/fields/${key}/review`).send({ raw: '7' });
    const b = await client.post(`/api/documents/${id}/fields/${key}/review`).send({ raw: '8' });
    clock.mockRestore();
    expect([a.status, b.status]).toEqual([200, 200]);
    const reviews = (await client.get(`/api/documents/${id}/reviews`)).body.reviews as { field: string }[];
    expect(reviews.filter((r) => r.field === key)).toHaveLength(2);
  });
});

describe('two reviewers on one field', () => {
  it('refuses with 412 and the current field a save whose If-Match is stale, and saves as before without If-Match', async () => {
    const { id } = await reportCopy('if-match');
    const key = 'activeDisclosure.regulations.newlyMade';
    const url = `/api/documents/${id}/fields/${key}/review`;
    const seen = (await client.get(`/api/documents/${id}/report`)).body.fields[key].etag as string;
    expect(seen).toMatch(/^"[0-9a-f]{16}"$/);
    const first = await client.post(url).set('If-Match', seen).send({ raw: '158' });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe(first.body.etag);
    expect(first.body.etag).not.toBe(seen);
    // The same save sent again (its answer was lost): the field holds what this reviewer sent, no conflict, no entry.
    const resent = await client.post(url).set('If-Match', seen).send({ raw: '158' });
    expect([resent.status, resent.body.unchanged, resent.body.etag]).toEqual([200, true, first.body.etag]);
    // The second reviewer opened the field before the first saved: their save is refused and shows the first's.
    const second = await client.post(url).set('If-Match', seen).send({ raw: '159' });
    expect(second.status).toBe(412);
    expectRefused(second, 412, 'stale-field', { field: key, reviewer: first.body.review.by as string });
    expect(second.body.current).toMatchObject({
      key,
      raw: '158',
      value: 158,
      etag: first.body.etag,
      review: { by: first.body.review.by },
    });
    const stored = (await client.get(`/api/documents/${id}/report`)).body.fields[key];
    expect([stored.value, stored.etag]).toEqual([158, first.body.etag]);
    const reviews = (await client.get(`/api/documents/${id}/reviews`)).body.reviews as { field: string }[];
    expect(reviews.filter((r) => r.field === key)).toHaveLength(1);
    // Chosen knowingly, against the state now shown, it is saved; a script sending no If-Match saves as before.
    expect(
      (
        await client
          .post(url)
          .set('If-Match', second.body.current.etag as string)
          .send({ raw: '159' })
      ).status,
    ).toBe(200);
    const script = await client.post(url).send({ raw: '160' });
    expect([script.status, script.body.value]).toEqual([200, 160]);
    expect((await client.post(url).set('If-Match', '*').send({ raw: '161' })).status).toBe(200);
  });
});

describe('what a review may not do', () => {
  it('refuses a blank for a field not found, and writes no second entry for a value already settled', async () => {
    const { id } = await reportCopy('blank refused');
    const key = 'activeDisclosure.regulations.newlyPublished';
    const url = `/api/documents/${id}/fields/${key}/review`;
    const field = (await client.get(`/api/documents/${id}/report`)).body.fields[key] as Record<string, unknown>;
    const { etag, ...stored } = field;
    void etag;
    await database.reports.updateOne(
      { _id: id },
      {
        $set: {
          [`fields.${key}`]: {
            ...stored,
            found: false,
            value: null,
            raw: '',
            needsReview: true,
            confidence: 0,
            page: null,
            bbox: null,
          },
        },
      },
    );
    const entries = async () =>
      ((await client.get(`/api/documents/${id}/reviews`)).body.reviews as { field: string }[]).filter(
        (r) => r.field === key,
      ).length;
    const blank = await client.post(url).send({ raw: '' });
    expect(blank.status).toBe(422);
    expect(blank.body.error).toMatch(/not found/);
    expectRefused(blank, 422, 'blank-not-found', { field: key });
    expectRefused(await client.post(url).send({ raw: 'l2' }), 422, 'invalid-value', { raw: 'l2' });
    expect((await client.get(`/api/documents/${id}/report`)).body.fields[key]).toMatchObject({
      needsReview: true,
      found: false,
    });
    expect(await entries()).toBe(0);
    const typed = await client.post(url).send({ raw: '3' });
    expect([typed.status, typed.body.value, typed.body.unchanged]).toEqual([200, 3, false]);
    const again = await client.post(url).send({ raw: '3' });
    expect([again.status, again.body.unchanged, again.body.etag]).toEqual([200, true, typed.body.etag]);
    expect(await entries()).toBe(1);
    expect((await client.post(url).send({ raw: '4' })).body.unchanged).toBe(false);
    expect(await entries()).toBe(2);
  });

  it('writes the queue again when a save is sent again after its queue write failed', async () => {
    const { id } = await reportCopy('queue written again');
    const key = 'activeDisclosure.normativeDocuments.newlyMade';
    const url = `/api/documents/${id}/fields/${key}/review`;
    const queued = async () =>
      ((await client.get(`/api/review/queue?document=${id}`)).body.items as { key: string }[]).some(
        (i) => i.key === key,
      );
    expect((await client.post(url).send({ raw: '2' })).status).toBe(200);
    expect(await queued()).toBe(false);
    // The report written, the queue not (the database lost between the two writes): the field is still queued.
    const report = (await findReport(database, id))!;
    await writeQueue(database, id, report.source.filename, {
      ...report.fields,
      [key]: { ...report.fields[key], needsReview: true, reasons: ['low confidence'] },
    });
    expect(await queued()).toBe(true);
    const retried = await client.post(url).send({ raw: '2' });
    expect([retried.status, retried.body.unchanged]).toEqual([200, true]);
    expect(await queued()).toBe(false);
  });
});

describe('page images', () => {
  it('sends a page as WebP (or JPEG, PNG when asked), under a third of the PNG, kept by the browser for good', async () => {
    const { id } = await reportCopy('page images');
    // A real scanned table page (Shizuishan's page 3), rendered as the OCR stage stores it: grayscale, 300 DPI.
    const pdf = await openPdfFile(path.join(CORPUS, `${SHIZUISHAN}.scan.pdf`));
    const raster = await pdf.render(3, 300);
    await pdf.close();
    await putFile(database, `${id}:image:1`, 'page-1.png', await encodePng(raster), { documentId: id });
    await savePage(database, {
      ...pageRecord({ documentId: id, imageFileId: `${id}:image:1` }),
    });
    const url = `/api/documents/${id}/pages/1/image?x=0&y=0&width=2000&height=2000&dpi=100`;
    const webp = await client.get(url).buffer(true);
    expect(webp.status).toBe(200);
    expect(webp.headers['content-type']).toBe('image/webp');
    expect(webp.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const [jpeg, png] = await Promise.all([
      client.get(`${url}&format=jpeg`).buffer(true),
      client.get(`${url}&format=png`).buffer(true),
    ]);
    expect([jpeg.headers['content-type'], png.headers['content-type']]).toEqual(['image/jpeg', 'image/png']);
    const bytes = (res: { body: Buffer }) => res.body.length;
    // Measured on this page at 100 DPI: PNG 586 kB, WebP 154 kB, JPEG 217 kB.
    expect(bytes(webp)).toBeLessThan(bytes(png) / 3);
    expect(bytes(jpeg)).toBeLessThan(bytes(png));
    const missing = await client.get(`/api/documents/${id}/pages/9/image?x=0&y=0&width=10&height=10`);
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control'] ?? '').not.toContain('immutable');
    await database.pages.deleteOne({ _id: `${id}:1` });
  });
});

describe('confirming a table at once', () => {
  it("confirms a table's flagged fields whose identities hold, leaves the others flagged, and undoes it", async () => {
    const file = `${YINCHUAN}.digital.pdf`;
    const uploaded = await client.post('/api/documents').attach('file', readFileSync(path.join(CORPUS, file)), file);
    const doc = uploaded.body.id as string;
    const base = truthReport(YINCHUAN, doc);
    const holding = (k: string) => {
      const mine = checksOf(base.checks, k);
      return mine.length > 0 && mine.every((c) => c.status === 'ok');
    };
    const keys = Object.keys(base.fields).filter((k) => k.startsWith('applications.') && holding(k));
    // One field read wrong: its identities break, so neither it nor the terms it shares them with may be confirmed.
    const wrong = keys[0];
    const near = new Set(checksOf(base.checks, wrong).flatMap((c) => [...c.left, ...c.right]));
    const sure = keys.filter((k) => !near.has(k)).slice(0, 3);
    expect(sure).toHaveLength(3);
    const fields = { ...base.fields };
    for (const k of [...sure, wrong]) {
      fields[k] = { ...fields[k], confidence: 0.5, needsReview: true, reasons: ['read with confidence 0.50'] };
    }
    fields[wrong] = {
      ...fields[wrong],
      value: (fields[wrong].value ?? 0) + 1,
      raw: String((fields[wrong].value ?? 0) + 1),
    };
    await saveReport(database, recheck({ ...base, fields }));

    const done = await client.post(`/api/documents/${doc}/tables/applications/confirm`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      table: 'applications',
      count: 3,
      reportReview: { status: 'pending', flagged: 1 },
    });
    expect((done.body.fields as { key: string }[]).map((f) => f.key).sort()).toEqual([...sure].sort());
    const after = (await client.get(`/api/documents/${doc}/report`)).body.fields as Record<
      string,
      { needsReview: boolean; confidence: number; review?: unknown }
    >;
    expect(sure.map((k) => [after[k].needsReview, after[k].confidence])).toEqual(sure.map(() => [false, 1]));
    expect(after[wrong]).toMatchObject({ needsReview: true });
    // The queue follows at once: only the field read wrong is left of the document.
    expect(
      ((await client.get(`/api/review/queue?document=${doc}`)).body.items as { key: string }[]).map((i) => i.key),
    ).toEqual([wrong]);

    // Another reviewer corrects one of them meanwhile: the undo leaves that one as they left it.
    expect((await client.post(`/api/documents/${doc}/fields/${sure[0]}/review`).send({ raw: '77' })).status).toBe(200);
    const undone = await client.post(done.body.undo as string);
    expect(undone.status).toBe(200);
    expect(undone.body.count).toBe(2);
    const back = (await client.get(`/api/documents/${doc}/report`)).body.fields as typeof after;
    expect(sure.slice(1).map((k) => [back[k].needsReview, back[k].confidence, back[k].review])).toEqual(
      sure.slice(1).map(() => [true, 0.5, undefined]),
    );
    expect(back[sure[0]]).toMatchObject({ value: 77, needsReview: false });
    expect((await client.get(`/api/review/queue?document=${doc}`)).body.fields).toBe(3);
    const history = (await client.get(`/api/documents/${doc}/reviews`)).body.reviews as {
      field: string;
      batch?: string;
      undoneAt?: string;
      before?: unknown;
    }[];
    expect(history.filter((r) => r.batch === done.body.batch).map((r) => [Boolean(r.undoneAt), r.before])).toEqual(
      sure.map(() => [true, undefined]),
    );
    expect((await client.post(done.body.undo as string)).status).toBe(409);
    expect((await client.post(`/api/documents/${doc}/tables/nothing/confirm`)).status).toBe(404);
    await forget(doc);
  });
  it("confirms the flagged fields of one field's row, or of one page, and no others", async () => {
    const file = `${YINCHUAN}.digital.pdf`;
    const uploaded = await client.post('/api/documents').attach('file', readFileSync(path.join(CORPUS, file)), file);
    const doc = uploaded.body.id as string;
    const base = truthReport(YINCHUAN, doc);
    const holding = (k: string) =>
      checksOf(base.checks, k).every((c) => c.status === 'ok') && checksOf(base.checks, k).length > 0;
    const row = ['applications.newlyReceived.naturalPerson', 'applications.newlyReceived.total'];
    const below = 'applications.carriedOverFromLastYear.naturalPerson';
    const elsewhere = Object.keys(base.fields).find((k) => k.startsWith('reviewAndLitigation.') && holding(k)) ?? '';
    expect([...row, below, elsewhere].every(holding)).toBe(true);
    const fields = { ...base.fields };
    for (const k of [...row, below, elsewhere]) {
      fields[k] = { ...fields[k], confidence: 0.5, needsReview: true, reasons: ['read with confidence 0.50'] };
    }
    // The row on page 1; the field below it and one of another table on page 2.
    for (const k of [below, elsewhere]) {
      fields[k] = { ...fields[k], page: 2 };
    }
    await saveReport(database, recheck({ ...base, fields }));
    const confirm = (scope: object) => client.post(`/api/documents/${doc}/confirmations`).send(scope);
    const keysOf = (res: { body: { fields: { key: string }[] } }) => res.body.fields.map((f) => f.key).sort();

    const byRow = await confirm({ rowOf: 'applications.newlyReceived.other' });
    expect(byRow.status).toBe(200);
    expect(byRow.body).toMatchObject({
      scope: { rowOf: 'applications.newlyReceived.other' },
      table: 'applications',
      count: 2,
    });
    expect(keysOf(byRow)).toEqual([...row].sort());
    const byPage = await confirm({ page: 2 });
    expect(byPage.body).toMatchObject({ scope: { page: 2 }, count: 2, reportReview: { flagged: 0 } });
    expect(keysOf(byPage)).toEqual([below, elsewhere].sort());
    expect((await client.post(byRow.body.undo as string)).body.count).toBe(2);
    expect((await client.get(`/api/review/queue?document=${doc}`)).body.fields).toBe(2);

    expect((await confirm({ table: 'applications', page: 2 })).status).toBe(400);
    expect((await confirm({ page: 0 })).status).toBe(400);
    expect((await confirm({ rowOf: 'applications.nothing.total' })).body).toMatchObject({ code: 'field-not-found' });
    expect((await confirm({ page: 9 })).status).toBe(404);
    await forget(doc);
  });
});

describe('downloads', () => {
  it('serves the fields as CSV, a table as CSV and the tables as a workbook, each as an attachment', async () => {
    const fields = await client.get(`/api/documents/${fixture}/fields.csv`);
    expect(fields.status).toBe(200);
    expect(fields.headers['content-type']).toMatch(/^text\/csv/);
    expect(fields.headers['content-disposition']).toMatch(/^attachment; filename="?[^"]*-fields\.csv"?$/);
    expect(fields.text.split('\n')[0]).toMatch(/key,value,raw,confidence,needsReview,page,reviewedBy/);
    const workbook = await client.get(`/api/documents/${fixture}/tables.xlsx`).responseType('blob');
    expect(workbook.status).toBe(200);
    expect(workbook.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((workbook.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const table = await client.get(`/api/documents/${fixture}/tables/applications.csv`);
    expect(table.status).toBe(200);
    const missing = await client.get(`/api/documents/${fixture}/tables/nope.csv`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/tables: .*applications/);
  });
});

describe('the document list and live progress', () => {
  it('searches by filename, agency and year, and filters what needs attention', async () => {
    const own = await ownService();
    const { client, database } = own;
    const { id } = await reportCopy('search', own);
    await database.reports.updateOne({ _id: id }, { $set: { agency: '石嘴山市公安局', year: 2020 } });
    const now = new Date();
    await database.documents.insertOne({
      _id: 'attention-doc',
      filename: 'odd (copy).pdf',
      sha256: 'e'.repeat(64),
      size: 1,
      pages: 1,
      fileId: '',
      status: 'needs-attention',
      createdAt: now,
      updatedAt: now,
    });
    const ids = async (query: string) =>
      ((await client.get(`/api/documents?${query}`)).body.items as { id: string }[]).map((d) => d.id);
    expect(await ids('q=SHIZUISHAN')).toContain(id);
    expect(await ids(`q=${encodeURIComponent('(copy)')}`)).toEqual(['attention-doc']);
    expect(await ids(`agency=${encodeURIComponent('石嘴山')}&year=2020`)).toEqual([id]);
    expect(await ids('year=2019')).toEqual([]);
    expect(await ids('attention=true')).toEqual(['attention-doc']);
    expect((await client.get('/api/documents?year=twenty')).status).toBe(400);
    await database.documents.deleteOne({ _id: 'attention-doc' });
  });

  it('streams a document event when a page of it is done', async () => {
    const { id } = await reportCopy('event stream');
    const token = (await client.post('/api/auth/keys').send({ name: 'events' })).body.token as string;
    const events: { id: string; ocrDone: number; flagged?: number }[] = [];
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      get(`${api}/api/documents/events`, { headers: { Authorization: `Token ${token}` } }, resolve).on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = /^event: document\ndata: (.*)$/m.exec(block)?.[1];
        if (data) {
          const view = JSON.parse(data) as {
            id: string;
            progress: { ocr: { done: number } };
            report?: { review: { flagged: number } };
          };
          events.push({ id: view.id, ocrDone: view.progress.ocr.done, flagged: view.report?.review.flagged });
        }
      }
    });
    // A page recorded after the stream opened (its headers are sent after it starts looking) is an event.
    await recordPageDone(database, id, 'ocr', 1);
    // The service looks once a second; under CI's load (other suites' OCR on both cores) a look can take seconds.
    const seen = await eventually(
      async () => events.find((e) => e.id === id && e.ocrDone >= 1),
      30000,
      'a document event',
    );
    expect(seen.ocrDone).toBeGreaterThanOrEqual(1);
    // A write stamped before the looks that came before its commit (a loaded database): still an event.
    const flagged = 4321;
    await database.reports.updateOne(
      { _id: id },
      { $set: { 'review.flagged': flagged, updatedAt: new Date(Date.now() - 3000) } },
    );
    const late = await eventually(
      async () => events.find((e) => e.id === id && e.flagged === flagged),
      30000,
      'an event for a write stamped before its commit',
    );
    expect(late.flagged).toBe(flagged);
    stream.destroy();
  });

  it('ends open event streams when it stops, so that stopping never waits on a browser', async () => {
    const own = await startUploadService(
      testConfig({ MONGODB_DB: config.MONGODB_DB, QUEUE_PREFIX: config.QUEUE_PREFIX }),
    );
    const token = (await client.post('/api/auth/keys').send({ name: 'stop' })).body.token as string;
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      get(
        `http://127.0.0.1:${own.port}/api/documents/events`,
        { headers: { Authorization: `Token ${token}` } },
        resolve,
      ).on('error', reject);
    });
    const ended = new Promise<void>((resolve) => stream.on('end', resolve));
    stream.resume();
    // Bounded: without the fix, stop() waited on the stream for ever.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('stop() is waiting on the open event stream')), 10000);
    });
    await Promise.race([own.stop(), late]).finally(() => clearTimeout(timer));
    await ended;
  });
});

describe('the review queue', () => {
  const flag = (documentId: string, doubts: Record<string, number>, db = database) => {
    const base = truthReport(SHIZUISHAN, documentId, {
      filename: `${documentId}.pdf`,
      sha256: 'f'.repeat(64),
      pages: 1,
    });
    const fields = { ...base.fields };
    for (const [key, confidence] of Object.entries(doubts)) {
      fields[key] = { ...fields[key], confidence, needsReview: true, reasons: [`read with confidence ${confidence}`] };
    }
    return saveReport(db, recheck({ ...base, fields }));
  };

  it('lists flagged fields, most doubtful document first and its fields most doubtful first, with captions, counts, paging and filters', async () => {
    const { client, database } = await ownService();
    await flag(
      'queue-a',
      { 'applications.newlyReceived.total': 0.6, 'applications.results.disclosed.total': 0.2 },
      database,
    );
    await flag('queue-b', { 'reviewAndLitigation.administrativeReview.total': 0.4 }, database);
    const all = await client.get('/api/review/queue');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ fields: 3, documents: 2 });
    const rows = (body: unknown) =>
      (body as { items: { documentId: string; key: string; confidence: number }[] }).items.map((i) => [
        i.documentId,
        i.key,
        i.confidence,
      ]);
    expect(rows(all.body)).toEqual([
      ['queue-a', 'applications.results.disclosed.total', 0.2],
      ['queue-a', 'applications.newlyReceived.total', 0.6],
      ['queue-b', 'reviewAndLitigation.administrativeReview.total', 0.4],
    ]);
    expect(all.body.items[0]).toMatchObject({
      filename: 'queue-a.pdf',
      section: 'applications',
      reasonKind: 'low-confidence',
      caption: { row: '（一）予以公开', column: '总计' },
      review: '/api/documents/queue-a/fields/applications.results.disclosed.total/review',
    });
    const second = await client.get('/api/review/queue?limit=1&offset=1');
    expect(rows(second.body)).toEqual([['queue-a', 'applications.newlyReceived.total', 0.6]]);
    expect(rows((await client.get('/api/review/queue?document=queue-b')).body)).toEqual([
      ['queue-b', 'reviewAndLitigation.administrativeReview.total', 0.4],
    ]);
    expect(rows((await client.get('/api/review/queue?notDocument=queue-a')).body)).toEqual([
      ['queue-b', 'reviewAndLitigation.administrativeReview.total', 0.4],
    ]);
    const bySection = await client.get('/api/review/queue?section=reviewAndLitigation');
    expect([bySection.body.fields, bySection.body.documents]).toEqual([1, 1]);
    expect((await client.get('/api/review/queue?reason=identity')).body).toMatchObject({
      fields: 0,
      documents: 0,
      items: [],
    });
    expect((await client.get('/api/review/queue?limit=0')).status).toBe(400);
    expect((await client.get('/api/review/queue?reason=whatever')).status).toBe(400);
    await Promise.all(['queue-a', 'queue-b'].map((d) => forget(d, database)));
  });

  it('claims a document for the reviewer whose desk shows it: others are told who holds it and sent elsewhere', async () => {
    // The queue is read whole (who holds what, what is left unclaimed): a namespace of its own.
    const { api, client, database } = await ownService();
    const pdf = blankPdf(6);
    const upload = await client.post('/api/documents').attach('file', pdf, 'claimed.pdf');
    const claimed = upload.body.id as string;
    await flag(claimed, { 'applications.newlyReceived.total': 0.3 }, database);
    await flag('queue-free', { 'applications.newlyReceived.total': 0.5 }, database);
    const other = await asNewUser(api, 'second-reviewer', ['reviewer']);
    const reader = await asNewUser(api, 'claim-reader', ['reader']);
    const claim = `/api/documents/${claimed}/claim`;

    const mine = await client.put(claim);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ documentId: claimed, reviewer: 'admin', renewEveryMs: 30000 });
    const held = await other.put(claim);
    expect(held.status).toBe(409);
    expect(held.body).toMatchObject({ reviewer: 'admin', expiresAt: mine.body.expiresAt as string });
    expect(held.body.error).toMatch(/admin is reviewing the document/);
    expectRefused(held, 409, 'claim-held', {
      documentId: claimed,
      reviewer: 'admin',
      expiresAt: mine.body.expiresAt as string,
    });
    expectRefused(await reader.put(claim), 403, 'forbidden', {
      username: 'claim-reader',
      permission: 'review',
      roles: 'reader',
    });
    expectRefused(await client.put('/api/documents/no-such-document/claim'), 404, 'document-not-found', {
      documentId: 'no-such-document',
    });

    // The queue says who has it open to everyone else, and leaves it out of the next document they are sent to.
    const claimants = async (agent: Client, query = '') =>
      Object.fromEntries(
        ((await agent.get(`/api/review/queue?${query}`)).body.items as { documentId: string; claimedBy: string }[])
          .filter((i) => i.documentId === claimed || i.documentId === 'queue-free')
          .map((i) => [i.documentId, i.claimedBy]),
      );
    expect(await claimants(other)).toEqual({ [claimed]: 'admin', 'queue-free': null });
    expect(await claimants(other, 'unclaimed=true')).toEqual({ 'queue-free': null });
    expect(await claimants(client, 'unclaimed=true')).toEqual({ [claimed]: null, 'queue-free': null });

    // Renewed by its holder; released, it is free for the next reviewer; an expired claim is taken over.
    const renewed = await client.put(claim);
    expect(Date.parse(renewed.body.expiresAt as string)).toBeGreaterThanOrEqual(
      Date.parse(mine.body.expiresAt as string),
    );
    expect((await other.delete(claim)).status).toBe(204);
    expect((await other.put(claim)).status).toBe(409);
    expect((await client.delete(claim)).status).toBe(204);
    expect((await other.put(claim)).body).toMatchObject({ reviewer: 'second-reviewer' });
    await database.reviewClaims.updateOne({ _id: claimed }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await claimants(client, 'unclaimed=true')).toEqual({ [claimed]: null, 'queue-free': null });
    expect((await client.put(claim)).body).toMatchObject({ reviewer: 'admin' });
    await Promise.all([claimed, 'queue-free'].map((d) => forget(d, database)));
    await database.reviewClaims.deleteOne({ _id: claimed });
  });

  it('gives one claim to one of eight reviewers opening a document at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimDocument(database, 'raced-claim', `reviewer-${i}`)),
    );
    const winners = answers.filter((a) => a.taken);
    expect(winners).toHaveLength(1);
    expect(new Set(answers.map((a) => a.claim.reviewer))).toEqual(new Set([winners[0].claim.reviewer]));
    await database.reviewClaims.deleteOne({ _id: 'raced-claim' });
    // And one of eight taking over a claim that expired.
    await database.reviewClaims.insertOne({
      _id: 'raced-claim',
      reviewer: 'gone',
      expiresAt: new Date(Date.now() - 1000),
    });
    const takers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimDocument(database, 'raced-claim', `taker-${i}`)),
    );
    expect(takers.filter((a) => a.taken)).toHaveLength(1);
    expect((await database.reviewClaims.findOne({ _id: 'raced-claim' }))?.reviewer).toBe(
      takers.find((a) => a.taken)?.claim.reviewer,
    );
    await database.reviewClaims.deleteOne({ _id: 'raced-claim' });
  });

  it('pages through 100 000 pending fields in 720 documents, each page from the documents it shows', async () => {
    const { client, database } = await ownService();
    const { lists, summaries } = pendingQueue('bulk', 720, 139);
    expect(summaries.reduce((n, s) => n + s.fields, 0)).toBe(100_080);
    for (let i = 0; i < lists.length; i += 60) {
      await database.reviewQueueFields.insertMany(lists.slice(i, i + 60));
    }
    await database.reviewQueue.insertMany(summaries);
    const first = await client.get('/api/review/queue?limit=50');
    expect(first.body).toMatchObject({ fields: 100_080, documents: 720 });
    expect(first.body.items).toHaveLength(50);
    // The most doubtful document first (bulk-000 and others hold a 0.000 field; by id among equals).
    const firstDoc = first.body.items[0].documentId as string;
    expect(firstDoc).toBe('bulk-000');
    const confidences = (first.body.items as { confidence: number }[]).map((i) => i.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    // A page across two documents: the end of the first and the start of the next.
    const across = await client.get('/api/review/queue?limit=10&offset=134');
    expect((across.body.items as { documentId: string }[]).map((i) => i.documentId)).toEqual([
      ...Array(5).fill('bulk-000'),
      ...Array(5).fill(across.body.items[5].documentId),
    ]);
    const last = await client.get('/api/review/queue?limit=50&offset=100070');
    expect(last.body.items).toHaveLength(10);
    await database.reviewQueue.deleteMany({ _id: { $in: summaries.map((s) => s._id) } });
    await database.reviewQueueFields.deleteMany({ _id: { $in: summaries.map((s) => s._id) } });
  }, 120000);
});

describe('a correction checks the identities again', () => {
  it('answers and stores the identities of the field as they hold with the new value', async () => {
    const { id } = await reportCopy('identities checked again');
    const before = (await client.get(`/api/documents/${id}/report`)).body as {
      fields: Record<string, { value: number }>;
      checks: { id: string; left: string[]; right: string[]; status: string }[];
    };
    // A field of section 四 whose identities all hold.
    const key = before.checks
      .flatMap((c) => c.left)
      .find(
        (k) =>
          k.startsWith('reviewAndLitigation.') &&
          before.checks.filter((c) => c.left.includes(k) || c.right.includes(k)).every((c) => c.status === 'ok'),
      ) as string;
    const value = before.fields[key].value;
    const mine = before.checks.filter((c) => c.left.includes(key) || c.right.includes(key));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.status === 'ok')).toBe(true);
    const wrong = await client.post(`/api/documents/${id}/fields/${key}/review`).send({ raw: String(value + 100) });
    expect(wrong.status).toBe(200);
    expect((wrong.body.checks as { status: string }[]).map((c) => c.status)).toEqual(mine.map(() => 'broken'));
    const stored = (await database.reports.findOne({ _id: id }))?.checks ?? [];
    expect(stored.filter((c) => mine.some((m) => m.id === c.id)).map((c) => c.status)).toEqual(
      mine.map(() => 'broken'),
    );
    const mended = await client.post(`/api/documents/${id}/fields/${key}/review`).send({ raw: String(value) });
    expect((mended.body.checks as { status: string }[]).map((c) => c.status)).toEqual(mine.map(() => 'ok'));
    expect(mended.body.reportReview).toMatchObject({ status: 'reviewed', flagged: 0 });
  });
});

describe('reviews made at once', () => {
  it('keeps every correction when reviewers correct different fields of one report at the same time', async () => {
    const { id } = await reportCopy('reviews at once');
    const keys = Object.keys((await client.get(`/api/documents/${id}/report`)).body.fields as object)
      .filter((k) => k.startsWith('applications.'))
      .slice(0, 8);
    expect(keys).toHaveLength(8);
    const answers = await Promise.all(
      keys.map((key, k) => client.post(`/api/documents/${id}/fields/${key}/review`).send({ raw: String(1000 + k) })),
    );
    expect(answers.map((a) => a.status)).toEqual(keys.map(() => 200));
    const fields = (await client.get(`/api/documents/${id}/report`)).body.fields as Record<string, { value: unknown }>;
    expect(keys.map((key) => fields[key].value)).toEqual(keys.map((_, k) => 1000 + k));
    expect(await database.leases.countDocuments({ _id: `report:${id}` })).toBe(0);
  });

  it('takes over the lease a writer that died left behind once it has expired', async () => {
    const { id } = await reportCopy('dead writer');
    await database.leases.insertOne({
      _id: `report:${id}`,
      token: 'dead-writer',
      expiresAt: new Date(Date.now() - 1000),
    });
    const key = 'applications.newlyReceived.total';
    const res = await client.post(`/api/documents/${id}/fields/${key}/review`).send({ raw: '42' });
    expect(res.status).toBe(200);
    expect((await client.get(`/api/documents/${id}/report`)).body.fields[key].value).toBe(42);
    expect(await database.leases.countDocuments({ _id: `report:${id}` })).toBe(0);
  });
});

describe('the sweep', () => {
  it('re-announces a queued document once its grace period has passed, and not again at the next sweep', async () => {
    const { id } = await reportCopy('sweep');
    const sent: Envelope[] = [];
    const deps = {
      publish: async (m: Envelope) => {
        sent.push(m);
      },
      markAnnounced: (doc: string) => markAnnounced(database, doc),
      logger: createLogger('test', 'silent'),
    };
    // A grace longer than this suite runs: the documents other tests uploaded, announced minutes ago on a loaded
    // machine, are not due (a minute's grace re-announced five of them once the suite grew past a minute).
    const grace = { announcedMs: 86_400_000, neverAnnouncedMs: 86_400_000 };
    expect(await requeueStalled(database, deps, grace)).toBe(0);
    // Uploaded two days ago and never split (the OCR service is away).
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await database.documents.updateOne({ _id: id }, { $set: { createdAt: twoDaysAgo, announcedAt: twoDaysAgo } });
    expect(await requeueStalled(database, deps, grace)).toBe(1);
    expect(sent.map((m) => m.documentId)).toEqual([id]);
    expect(await requeueStalled(database, deps, grace)).toBe(0);
    expect(sent).toHaveLength(1);
  });
});

describe('a document that needs attention', () => {
  it('is offered for a retry when its bytes come again, and is retried once', async () => {
    const { id, bytes } = await reportCopy('needs attention');
    await database.documents.updateOne(
      { _id: id },
      { $set: { status: 'needs-attention', attention: ['page 3 could not be read'] } },
    );
    const again = await client.post('/api/documents').attach('file', bytes, REPORT_FILE);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      duplicate: true,
      status: 'needs-attention',
      links: { retry: `/api/documents/${id}/retry` },
    });
    expect(again.body.note).toMatch(/needs attention; POST/);
    // Not a refusal, but said by a code too, so that the archive says it in its own language.
    expect([again.body.code, again.body.params]).toEqual([
      'duplicate-needs-retry',
      { documentId: id, status: 'needs-attention' },
    ]);
    expect((await client.post(`/api/documents/${id}/retry`)).status).toBe(202);
    expect((await client.get(`/api/documents/${id}`)).body).toMatchObject({ status: 'queued' });
    expectRefused(await client.post(`/api/documents/${id}/retry`), 409, 'not-retryable', { status: 'queued' });
    const plain = await client.post('/api/documents').attach('file', bytes, REPORT_FILE);
    expect([plain.status, plain.body.duplicate, plain.body.code, plain.body.note]).toEqual([
      200,
      true,
      'duplicate-upload',
      undefined,
    ]);
  });
});

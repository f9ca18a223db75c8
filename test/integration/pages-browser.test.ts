// The web application in a real browser (Debian's Chromium through playwright-core) over the whole pipeline: log
// in, drop a corpus scan on the archive, watch it finish by live events, open the review queue, correct a
// flagged field with the keyboard only while its identities are checked again, and find the new value and the
// history entry in MongoDB. An archivist is refused the review; a document id made of markup runs nothing; no
// page breaks the content security policy. Screenshots at 1280 and 375 px go to SCREENSHOTS_DIR (README's
// come from here: `SCREENSHOTS_DIR=docs/screenshots npx jest test/integration/pages-browser`).
// The scan is read once, before the tests (minutes of OCR), and kept as its records: each test that needs it stores
// a copy of its own (test/support/document-copy.ts), which it may change, and which is removed after it; the digital
// report beside it is read only. No test depends on another's leftovers (jest --randomize runs them in any order).
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import { startOcrService } from '../../services/ocr/src/service';
import { startTableService } from '../../services/table-extraction/src/service';
import { startNormalisationService } from '../../services/normalisation/src/service';
import type { RunningWorker } from '../../shared/runtime/worker';
import { Database, connectDatabase } from '../../shared/store/database';
import { findReport, saveReport } from '../../shared/store/results.repository';
import { recheck } from '../../shared/domain/identities';
import { cellNumber } from '../../shared/domain/report-exports';
import { listReviews } from '../../shared/store/reviews.repository';
import type { Report } from '../../shared/contracts/report';
import { CORPUS, SHIZUISHAN, YINCHUAN, loadTruth } from '../../harness/corpus';
import { STACK_ADMIN } from '../../harness/credentials';
import { Client, asAdmin, asNewUser } from '../support/auth';
import { dropNamespace } from '../../harness/namespace';
import { eventually, testConfig } from '../support/namespace';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../bench/chromium';
import { DocumentSnapshot, removeDocument, snapshotOf, storeCopy } from '../support/document-copy';

// The corpus scan reads cleanly: at the shipped threshold (0.9) nothing in it is flagged. The desk is tested
// with a stricter one, as an office that wants every value under 0.999 seen would set, so that the document
// has flagged fields that take part in identities.
const config = testConfig({ METRICS_PORT: 0, REVIEW_THRESHOLD: 0.999 });
const FILE = `${YINCHUAN}.scan.pdf`;
const shots = process.env.SCREENSHOTS_DIR ?? path.join(os.tmpdir(), 'docpipe-screenshots');
let upload: RunningUpload;
let workers: RunningWorker[];
let api: string;
let client: Client;
let browser: Browser;
let database: Database;
const violations: string[] = [];
/** The scan as the pipeline read it, kept as its records: what each test's copy is made from. */
let scan: DocumentSnapshot;
/** The digital report, a few of its fields made doubtful: the queue's other document. No test changes it. */
let otherId = '';
/** The documents the running test made, removed after it. */
const made: string[] = [];

/** Uploads `bytes` as `filename` and waits until the document is done: its id. */
async function readDocument(bytes: Buffer, filename: string): Promise<string> {
  const res = await client.post('/api/documents').attach('file', bytes, filename);
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  await eventually(
    async () => ((await client.get(`/api/documents/${id}`)).body.status === 'done' ? true : undefined),
    600000,
    `${filename} done`,
  );
  return id;
}

/** A copy of the read scan of the test's own, stored now and removed after the test: its id. */
async function scanCopy(): Promise<string> {
  const id = await storeCopy(database, scan);
  made.push(id);
  return id;
}

beforeAll(async () => {
  upload = await startUploadService(config);
  workers = await Promise.all([startOcrService(config), startTableService(config), startNormalisationService(config)]);
  api = `http://127.0.0.1:${upload.port}`;
  client = await asAdmin(api);
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  await mkdir(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
  });
  // The scan, with bytes of its own (the archive test drops the file itself), read once; its records kept and the
  // document itself removed (its page images stay, for the copies), so that the archive and the queue hold only what
  // each test puts there.
  const read = await readDocument(
    Buffer.concat([readFileSync(path.join(CORPUS, FILE)), Buffer.from('\n% copy read once for the tests\n')]),
    FILE,
  );
  scan = await snapshotOf(database, read);
  await removeDocument(database, read, { files: false });
  // A second document for the queue (a digital PDF, read in seconds), a few of its fields made doubtful.
  otherId = await readDocument(
    readFileSync(path.join(CORPUS, `${SHIZUISHAN}.digital.pdf`)),
    `${SHIZUISHAN}.digital.pdf`,
  );
  const other = (await findReport(database, otherId)) as Report;
  const fields = { ...other.fields };
  for (const key of Object.keys(fields)
    .filter((k) => k.startsWith('activeDisclosure.'))
    .slice(0, 3)) {
    fields[key] = { ...fields[key], confidence: 0.5, needsReview: true, reasons: ['read with confidence 0.50'] };
  }
  await saveReport(database, recheck({ ...other, fields }));
}, 1200000);

afterEach(async () => {
  for (const id of made.splice(0)) {
    await removeDocument(database, id);
  }
  // Every page of every test keeps to the content security policy.
  expect(violations.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(workers.map((w) => w.stop()));
  await upload.stop();
  await database.client.close();
  await dropNamespace(config);
});

/** A fresh browser context of `width` px, logged in through the login form. */
async function loggedIn(
  width: number,
  username = STACK_ADMIN.DOCPIPE_ADMIN_USER,
  password = STACK_ADMIN.DOCPIPE_ADMIN_PASSWORD,
): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width, height: width < 600 ? 812 : 800 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) {
      violations.push(m.text());
    }
  });
  await page.goto(`${api}/`);
  await page.waitForURL(/\/login\?next=/, { timeout: 15000 });
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.press('input[name=password]', 'Enter');
  await page.waitForURL(`${api}/`, { timeout: 15000 });
  await page.waitForSelector(`#who:text("${username}")`, { timeout: 15000 });
  return page;
}

describe('the web application', () => {
  it('refuses a wrong password, and serves the application from its own origin under the policy', async () => {
    const res = await client.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    const policy = res.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${api}/login`);
    await page.fill('input[name=username]', STACK_ADMIN.DOCPIPE_ADMIN_USER);
    await page.fill('input[name=password]', 'not the password');
    await page.press('input[name=password]', 'Enter');
    await page.waitForSelector('#msg:text("wrong username or password")', { timeout: 15000 });
    await page.context().close();
  }, 60000);

  it('takes a scan dropped on the archive and shows it finish, live', async () => {
    const page = await loggedIn(1280);
    // Run in the page: the file as the browser would carry it in a drop (the test's own types know no DOM).
    const dataTransfer = await page.evaluateHandle(
      ({ name, base64 }) => {
        const dom = globalThis as unknown as {
          atob(s: string): string;
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
        };
        const bytes = Uint8Array.from(dom.atob(base64), (c) => c.charCodeAt(0));
        const dt = new dom.DataTransfer();
        dt.items.add(new dom.File([bytes], name, { type: 'application/pdf' }));
        return dt;
      },
      { name: FILE, base64: readFileSync(path.join(CORPUS, FILE)).toString('base64') },
    );
    await page.dispatchEvent('#drop', 'drop', { dataTransfer });
    // The readers run in this process: while OCR holds the event loop (a page's pixel loops, seconds each on a loaded
    // machine) the upload's answer and the events wait for it, so these waits are as long as the reading's.
    await page.waitForSelector('#uploads li[data-state=accepted]', { timeout: 300000 });
    const row = await page.waitForSelector(`#docs li.doc:has-text("${FILE}")`, { timeout: 300000 });
    const documentId = (await row.getAttribute('data-id')) as string;
    made.push(documentId);
    // The upload's line links to the document it made (as long a wait as the others: the reading in this process
    // can hold the event loop while the link is drawn; the whole suite's run missed 5 s).
    await page.waitForSelector(`#uploads li[data-state=accepted] a[href="/documents/${documentId}"]`, {
      timeout: 300000,
    });
    // The list is not reloaded by the test: the row turns done from the server's events alone.
    await page.waitForSelector(`#docs li.doc[data-id="${documentId}"][data-status=done]`, { timeout: 600000 });
    await page.waitForSelector(`#docs li.doc[data-id="${documentId}"] .thumb img`, { timeout: 15000 });
    expect(await page.textContent(`#docs li.doc[data-id="${documentId}"]`)).toContain('2020');
    await page.screenshot({ path: path.join(shots, 'archive-1280.png'), fullPage: false });
    await page.context().close();
  }, 1200000);

  it('opens a flagged field from the queue and corrects it with the keyboard, the identities checked as it is typed', async () => {
    const documentId = await scanCopy();
    expect(documentId).not.toBe('');
    const truth = loadTruth(YINCHUAN);
    const [queue, review] = await Promise.all([
      client.get('/api/review/queue?limit=50'),
      client.get(`/api/documents/${documentId}/review`),
    ]);
    const fields = review.body.fields as { key: string; raw: string; checks: { status: string }[] }[];
    // A flagged field that takes part in identities which hold, read right: typed wrong they must break. (At this
    // threshold those are blank cells, which the identities count as 0.)
    const candidate = (queue.body.items as { key: string; documentId: string }[]).findIndex((item) => {
      const f = fields.find((x) => x.key === item.key);
      return (
        item.documentId === documentId &&
        f !== undefined &&
        f.checks.length > 0 &&
        f.checks.every((c) => c.status === 'ok') &&
        Object.hasOwn(truth.fields, item.key)
      );
    });
    expect(candidate).toBeGreaterThanOrEqual(0);
    const key = queue.body.items[candidate].key as string;
    const target = {
      key,
      index: candidate,
      truth: truth.fields[key],
      read: (fields.find((f) => f.key === key) as { raw: string }).raw,
    };

    // An archive page left open: its count of fields to review follows the correction by the server's events.
    const archive = await loggedIn(1280);
    const toReview = (n: number) => `#docs li.doc[data-id="${documentId}"] .actions a:text-matches("^${n}[^0-9]")`;
    await archive.waitForSelector(toReview(fields.length), { timeout: 15000 });

    const page = await loggedIn(1280);
    await page.keyboard.press('Tab'); // somewhere on the page, as a person would land
    await page.click('nav a[href="/queue"]');
    await page.waitForSelector('#queue li.selected', { timeout: 15000 });
    await page.screenshot({ path: path.join(shots, 'queue-1280.png') });
    for (let i = 0; i < target.index; i += 1) {
      await page.keyboard.press('j');
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.editor[data-key="${key}"] #value:focus`, { timeout: 15000 });
    await page.waitForSelector('.page-view .mark', { timeout: 15000 });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('987654');
    await page.waitForSelector('#checks li[data-status=broken]', { timeout: 5000 });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(target.truth.raw);
    await page.waitForSelector('#checks li[data-status=ok]', { timeout: 5000 });
    expect(await page.$$('#checks li[data-status=broken]')).toHaveLength(0);
    await page.screenshot({ path: path.join(shots, 'review-1280.png') });
    // At 1280 x 800 the live check is seen while typing: its first line is within the window, not below the fold.
    const firstCheck = await (await page.$('#checks li'))?.boundingBox();
    expect(firstCheck && firstCheck.y + firstCheck.height).toBeLessThanOrEqual(800);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#message:has-text("saved"), #message:has-text("已保存")', { timeout: 15000 });
    // Saved, moved on to the next field, focus still in the value box.
    await page.waitForSelector(`.editor:not([data-key="${key}"]) #value:focus`, { timeout: 15000 });
    // The save runs in the background: once it is answered, nothing is pending.
    await page.waitForSelector('#saving', { state: 'detached', timeout: 15000 });

    const stored = (await findReport(database, documentId)) as Report;
    expect(stored.fields[key].value).toBe(target.truth.value);
    expect(stored.fields[key].needsReview).toBe(false);
    expect(stored.fields[key].review?.by).toBe(STACK_ADMIN.DOCPIPE_ADMIN_USER);
    expect(
      stored.checks.filter((c) => c.left.includes(key) || c.right.includes(key)).every((c) => c.status === 'ok'),
    ).toBe(true);
    const history = (await listReviews(database, documentId)).filter((r) => r.field === key);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      reviewer: STACK_ADMIN.DOCPIPE_ADMIN_USER,
      old: { raw: target.read },
      new: { value: target.truth.value, raw: target.truth.raw },
    });

    expect(((await findReport(database, documentId)) as Report).review.flagged).toBe(fields.length - 1);
    await archive.waitForSelector(toReview(fields.length - 1), { timeout: 15000 }).catch(async (error: unknown) => {
      throw new Error(
        `the archive shows "${await archive.textContent(`#docs li.doc[data-id="${documentId}"] .actions`)}": ${String(error)}`,
      );
    });
    await archive.context().close();

    // Back on the field, its history is on the page.
    await page.keyboard.press('k');
    await page.waitForSelector(`.editor[data-key="${key}"] .history td:has-text("${STACK_ADMIN.DOCPIPE_ADMIN_USER}")`, {
      timeout: 15000,
    });
    await page.context().close();
  }, 120000);

  it('keeps the keyboard after zoom clicks and a drag, zooms with Alt and + - 0, fits the width, and opens the next document with n', async () => {
    const documentId = await scanCopy();
    const page = await loggedIn(1280);
    await page.goto(`${api}/review/${documentId}`);
    // Waits, not speed checks: with the whole suite on two cores the desk took longer than 15 s to come up.
    await page.waitForSelector('.editor #value:focus', { timeout: 60000 });
    await page.waitForSelector('.page-view .sheet img', { timeout: 60000 });
    const key = async () => page.getAttribute('.editor', 'data-key');
    const zoom = async () => Number(await page.getAttribute('.page-view', 'data-zoom'));
    const first = await key();
    await page.click('.page-view .zoom button[aria-label="放大"]');
    await page.waitForSelector('#value:focus', { timeout: 5000 });
    const frame = await page.$('.page-view .frame');
    const box = (await frame?.boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 80, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('#value:focus', { timeout: 5000 });
    await page.keyboard.press('j');
    await page.waitForFunction(
      (was) =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { getAttribute(a: string): string } | null };
          }
        ).document
          .querySelector('.editor')
          ?.getAttribute('data-key') !== was,
      first,
      { timeout: 5000 },
    );
    // Alt+0 fits the width: the page fills the frame's inner width exactly; Alt+= then zooms in, Alt+- out.
    await page.keyboard.press('Alt+Digit0');
    await page.waitForFunction(
      () => {
        const d = (
          globalThis as unknown as {
            document: { querySelector(s: string): { clientWidth: number; offsetWidth: number } | null };
          }
        ).document;
        const f = d.querySelector('.page-view .frame');
        const sheet = d.querySelector('.page-view .sheet');
        return f !== null && sheet !== null && Math.abs(sheet.offsetWidth - f.clientWidth) <= 1;
      },
      undefined,
      { timeout: 5000 },
    );
    const fitted = await zoom();
    await page.keyboard.press('Alt+Equal');
    await page.waitForFunction(
      (z) =>
        Number(
          (
            globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string } } }
          ).document
            .querySelector('.page-view')
            .getAttribute('data-zoom'),
        ) > z,
      fitted,
      { timeout: 5000 },
    );
    await page.keyboard.press('Alt+Minus');
    await page.keyboard.press('Alt+Minus');
    expect(await zoom()).toBeLessThan(fitted);
    await page.waitForSelector('#value:focus', { timeout: 5000 });
    await page.keyboard.press('n');
    await page.waitForURL(new RegExp(`/review/${otherId}\\?field=`), { timeout: 15000 });
    await page.waitForSelector('.editor #value:focus', { timeout: 15000 });
    await page.context().close();
  }, 90000);

  it('goes on to the next document with Enter on the last field, saving that field once', async () => {
    const documentId = await scanCopy();
    // The copy left with one flagged field: the desk's last.
    const stored = (await findReport(database, documentId)) as Report;
    const flagged = Object.keys(stored.fields).filter((k) => stored.fields[k].needsReview);
    expect(flagged.length).toBeGreaterThan(0);
    const last = flagged[0];
    const fields = { ...stored.fields };
    for (const key of flagged.slice(1)) {
      fields[key] = { ...fields[key], confidence: 1, needsReview: false, reasons: [] };
    }
    await saveReport(database, recheck({ ...stored, fields }));
    const page = await loggedIn(1280);
    await page.goto(`${api}/review/${documentId}`);
    await page.waitForSelector(`.editor[data-key="${last}"] #value:focus`, { timeout: 60000 });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/review/${otherId}\\?field=`), { timeout: 15000 });
    await page.waitForSelector('.editor #value:focus', { timeout: 15000 });
    // Saved in the background as the desk moved on, with the value typed; and once: a second save (the desk's retry,
    // or Enter saving the last field again) would land within the next seconds.
    await eventually(
      async () => ((await listReviews(database, documentId)).length > 0 ? true : undefined),
      15000,
      'the last field saved',
    );
    await page.waitForTimeout(3000);
    const entries = await listReviews(database, documentId);
    expect(entries.map((r) => [r.field, r.new.raw])).toEqual([[last, '7']]);
    await page.context().close();
  }, 90000);

  it('confirms a table whose identities hold with one key, with a count, undoes it, and confirms a row', async () => {
    const documentId = await scanCopy();
    const page = await loggedIn(1280);
    const before = (await findReport(database, documentId)) as Report;
    const review = (await client.get(`/api/documents/${documentId}/review`)).body.fields as {
      key: string;
      checks: { status: string }[];
      found: boolean;
    }[];
    const table = 'applications';
    const holding = review
      .filter(
        (f) =>
          f.key.startsWith(`${table}.`) && f.found && f.checks.length > 0 && f.checks.every((c) => c.status === 'ok'),
      )
      .map((f) => f.key);
    expect(holding.length).toBeGreaterThan(0);
    await page.goto(`${api}/review/${documentId}?field=${encodeURIComponent(holding[0])}`);
    await page.waitForSelector(`.editor[data-key="${holding[0]}"] #value:focus`, { timeout: 15000 });
    await page.keyboard.press('c');
    await page.waitForSelector(`#message:has-text("${holding.length}")`, { timeout: 15000 });
    const confirmed = (await findReport(database, documentId)) as Report;
    expect(holding.map((k) => confirmed.fields[k].needsReview)).toEqual(holding.map(() => false));
    await page.screenshot({ path: path.join(shots, 'review-confirmed-1280.png') });
    await page.keyboard.press('u');
    await page.waitForSelector('#message:has-text("已撤销"), #message:has-text("Undone:")', { timeout: 15000 });
    const undone = (await findReport(database, documentId)) as Report;
    expect(holding.map((k) => [undone.fields[k].needsReview, undone.fields[k].confidence])).toEqual(
      holding.map((k) => [true, before.fields[k].confidence]),
    );
    // `r`: the same for the current field's row only.
    const rowCaption = before.fields[holding[0]].caption?.row;
    const row = holding.filter((k) => before.fields[k].caption?.row === rowCaption);
    await page.goto(`${api}/review/${documentId}?field=${encodeURIComponent(holding[0])}`);
    await page.waitForSelector(`.editor[data-key="${holding[0]}"] #value:focus`, { timeout: 15000 });
    await page.keyboard.press('r');
    await page.waitForSelector(
      `#message:has-text("本行勾稽关系成立的 ${row.length} 项"), #message:has-text("Confirmed ${row.length} fields of this row")`,
      { timeout: 15000 },
    );
    const byRow = (await findReport(database, documentId)) as Report;
    expect(holding.filter((k) => !byRow.fields[k].needsReview).sort()).toEqual([...row].sort());
    await page.context().close();
  }, 60000);

  it('shows a reviewer the value another saved meanwhile, and lets them choose, instead of overwriting it', async () => {
    const documentId = await scanCopy();
    await asNewUser(api, 'rita', ['reviewer']);
    const review = (await client.get(`/api/documents/${documentId}/review`)).body.fields as { key: string }[];
    const key = review[0].key;
    const at = `${api}/review/${documentId}?field=${encodeURIComponent(key)}`;
    const [mine, theirs] = [await loggedIn(1280), await loggedIn(1280, 'rita', 'rita password for tests')];
    for (const page of [mine, theirs]) {
      await page.goto(at);
      await page.waitForSelector(`.editor[data-key="${key}"] #value:focus`, { timeout: 15000 });
    }
    // Mine opened the document first and holds its claim: theirs is told who has it open (and may still work).
    await theirs.waitForSelector('#claimed-by:has-text("admin")', { timeout: 15000 });
    expect(await mine.$('#claimed-by')).toBeNull();
    // Mine begins typing first; theirs is saved meanwhile, and mine's desk hears of it (a live update) while mine
    // still types: the save is still made against the state mine began from, so it is refused.
    await mine.keyboard.press('Control+a');
    await mine.keyboard.type('2');
    await theirs.keyboard.press('Control+a');
    await theirs.keyboard.type('111');
    await theirs.keyboard.press('Enter');
    await theirs.waitForSelector('#saving', { state: 'detached', timeout: 15000 });
    await mine.waitForSelector(`.editor[data-key="${key}"] .history td:has-text("rita")`, { timeout: 15000 });
    await mine.keyboard.type('22');
    await mine.keyboard.press('Enter');
    // Refused by the server (412), the desk comes back to the field with both values.
    await mine.waitForSelector(`.editor[data-key="${key}"] #value:focus`, { timeout: 15000 });
    await mine.waitForSelector('#conflict #theirs:text("111")', { timeout: 15000 });
    expect(await mine.textContent('#conflict')).toContain('rita');
    // Said once, in the interface's language: not again below in the server's English.
    const said = await mine.$('#message');
    expect(said ? await said.textContent() : '').not.toContain('was changed by');
    await mine.screenshot({ path: path.join(shots, 'review-conflict-1280.png') });
    expect(((await findReport(database, documentId)) as Report).fields[key].raw).toBe('111');
    await mine.keyboard.press('t');
    await mine.waitForSelector('#conflict', { state: 'detached', timeout: 5000 });
    const history = (await listReviews(database, documentId)).filter((r) => r.field === key);
    expect(history.map((r) => [r.reviewer, r.new.raw])).toEqual([['rita', '111']]);
    // Leaving the desk gives the claim up at once, not when it expires.
    await mine.goto(`${api}/queue`);
    await eventually(
      async () =>
        (await database.reviewClaims.countDocuments({ _id: documentId, reviewer: 'admin' })) === 0 ? true : undefined,
      10000,
      "the admin's claim given up",
    );
    await theirs.goto(`${api}/queue`);
    await eventually(
      async () => ((await database.reviewClaims.countDocuments({ _id: documentId })) === 0 ? true : undefined),
      10000,
      'every claim given up',
    );
    await mine.context().close();
    await theirs.context().close();
  }, 60000);

  it('outlines a field not found where its row and column were read, and turns pages without losing the keyboard', async () => {
    const documentId = await scanCopy();
    const read = (await findReport(database, documentId)) as Report;
    const found = (k: string) => read.fields[k].page !== null && read.fields[k].bbox !== null;
    const rowOf = (k: string) => k.slice(0, k.lastIndexOf('.'));
    const columnOf = (k: string) => `${k.split('.')[0]}.${k.slice(k.lastIndexOf('.') + 1)}`;
    // A cell read on a page, with a neighbour read in its row and one in its column on the same page.
    const key = Object.keys(read.fields).find(
      (k) =>
        found(k) &&
        Object.keys(read.fields).some(
          (o) => o !== k && found(o) && rowOf(o) === rowOf(k) && read.fields[o].page === read.fields[k].page,
        ) &&
        Object.keys(read.fields).some(
          (o) => o !== k && found(o) && columnOf(o) === columnOf(k) && read.fields[o].page === read.fields[k].page,
        ),
    ) as string;
    expect(key).toBeDefined();
    const cell = read.fields[key];
    // As a photocopy's reading leaves it: expected by the template, not found.
    await saveReport(
      database,
      recheck({
        ...read,
        fields: {
          ...read.fields,
          [key]: {
            ...cell,
            found: false,
            value: null,
            raw: '',
            page: null,
            bbox: null,
            needsReview: true,
            confidence: 0,
            reasons: ['not found'],
          },
        },
      }),
    );
    const page = await loggedIn(1280);
    await page.goto(`${api}/review/${documentId}?field=${encodeURIComponent(key)}`);
    await page.waitForSelector(`.editor[data-key="${key}"] #value:focus`, { timeout: 15000 });
    await page
      .waitForSelector(`.page-view[data-page="${cell.page}"] .mark`, { timeout: 15000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(shots, 'review-not-found-failed.png') });
        const shown = await page.getAttribute('.page-view', 'data-page').catch(() => 'no page view');
        const said = await page.textContent('.editor .flag').catch(() => '');
        throw new Error(
          `${key} (read on page ${cell.page}): the page view shows page ${shown}, "${said}": ${String(error)}`,
        );
      });
    // The outline holds the cell's middle and is about a cell, not its table's part.
    const [sheet, mark, zoom] = [
      await page.$('.page-view .sheet'),
      await page.$('.page-view .mark'),
      Number(await page.getAttribute('.page-view', 'data-zoom')),
    ];
    const [s0, m0] = [await sheet?.boundingBox(), await mark?.boundingBox()] as {
      x: number;
      y: number;
      width: number;
      height: number;
    }[];
    const scale = (zoom * 100) / 72;
    const outline = {
      x: (m0.x - s0.x) / scale,
      y: (m0.y - s0.y) / scale,
      width: m0.width / scale,
      height: m0.height / scale,
    };
    const box = cell.bbox as { x: number; y: number; width: number; height: number };
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    expect(cx > outline.x && cx < outline.x + outline.width && cy > outline.y && cy < outline.y + outline.height).toBe(
      true,
    );
    expect(outline.width * outline.height).toBeLessThan(4 * (box.width + 12) * (box.height + 12));
    // `a` would confirm the blank it was read as: refused with a sentence, nothing saved, the field still shown.
    await page.keyboard.press('a');
    await page.waitForSelector('#message:text-matches("未找到|was not found")', { timeout: 5000 });
    expect(await page.getAttribute('.editor', 'data-key')).toBe(key);
    expect((await findReport(database, documentId))?.fields[key]).toMatchObject({ needsReview: true, found: false });
    // Another page by key and by button; the keyboard stays in the value box; the field's page comes back.
    const other = (cell.page as number) < read.source.pages ? 1 : -1;
    await page.keyboard.press(other > 0 ? 'Alt+PageDown' : 'Alt+PageUp');
    await page.waitForSelector(`.page-view[data-page="${(cell.page as number) + other}"] .sheet img`, {
      timeout: 15000,
    });
    expect(await page.$('.page-view .mark')).toBeNull();
    await page.click(other > 0 ? '.page-view .page-prev' : '.page-view .page-next');
    await page.waitForSelector(`.page-view[data-page="${cell.page}"] .mark`, { timeout: 15000 });
    await page.waitForSelector(`.editor[data-key="${key}"] #value:focus`, { timeout: 5000 });
    await page.context().close();
  }, 60000);

  it("downloads the report's tables from its page as a workbook whose figures are numbers", async () => {
    const documentId = await scanCopy();
    const page = await loggedIn(1280);
    await page.goto(`${api}/documents/${documentId}`);
    await page.waitForSelector('a[href$="/tables.xlsx"]', { timeout: 15000 });
    await page.screenshot({ path: path.join(shots, 'report-1280.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/tables.xlsx"]')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const values: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value))));
    // Every cell the report holds as a plain figure is a number in the workbook (57 on the Yinchuan scan; a merged
    // cell's parts may repeat its value), and no figure is text.
    const report = (await findReport(database, documentId)) as Report;
    const figures = report.tables.flatMap((table) => table.cells).filter((c) => cellNumber(c.text) !== null);
    expect(figures.length).toBeGreaterThan(20);
    expect(values.filter((v) => typeof v === 'number').length).toBeGreaterThanOrEqual(figures.length);
    expect(values.filter((v) => typeof v === 'string' && /^[\d,]+(\.\d+)?$/.test(v))).toEqual([]);
    await page.context().close();
  }, 60000);

  it('keeps a save the server refused for a moment (503, Retry-After) and sends it again, instead of losing it', async () => {
    const documentId = await scanCopy();
    const review = (await client.get(`/api/documents/${documentId}/review`)).body.fields as { key: string }[];
    const key = (review.at(-1) as { key: string }).key;
    const page = await loggedIn(1280);
    // The saves meet the database away, as the API answers them then, until the desk has said it waits; then the
    // server is back.
    let refused = 0;
    let back = false;
    await page.route(`**/api/documents/${documentId}/fields/*/review`, async (route) => {
      if (!back) {
        refused += 1;
        await route.fulfill({
          status: 503,
          headers: { 'Retry-After': '1' },
          contentType: 'application/json',
          body: JSON.stringify({
            error: 'the database is not reachable just now; nothing was changed, send it again shortly',
            code: 'dependency-unavailable',
            params: { dependency: 'database' },
          }),
        });
      } else {
        await route.continue();
      }
    });
    await page.goto(`${api}/review/${documentId}?field=${encodeURIComponent(key)}`);
    await page.waitForSelector(`.editor[data-key="${key}"] #value:focus`, { timeout: 15000 });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('333');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#server-away', { timeout: 15000 });
    // The reviewer is not sent back: the desk moved on and keeps the keyboard while the save waits.
    await page.waitForSelector(`.editor:not([data-key="${key}"]) #value:focus`, { timeout: 5000 });
    back = true;
    await page.waitForSelector('#saving', { state: 'detached', timeout: 60000 });
    expect(await page.$('#server-away')).toBeNull();
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(((await findReport(database, documentId)) as Report).fields[key]).toMatchObject({
      raw: '333',
      needsReview: false,
    });
    // One entry for this save, however many tries it took (the field may have entries of a bulk confirmation undone).
    expect(
      (await listReviews(database, documentId)).filter((r) => r.field === key && r.new.raw === '333'),
    ).toHaveLength(1);
    await page.context().close();
  }, 60000);

  it('keeps pace with a reviewer confirming field after field: each Enter saves its field once and shows the next', async () => {
    // The pace itself (fields a minute, the wait for each field) is measured by `npm run bench:desk`.
    const documentId = await scanCopy();
    const page = await loggedIn(1280);
    await page.goto(`${api}/review/${documentId}`);
    await page.waitForSelector('.editor #value:focus', { timeout: 15000 });
    const seen: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const was = (await page.getAttribute('.editor', 'data-key')) as string;
      seen.push(was);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter', { delay: 150 });
      await page.waitForSelector(`.editor:not([data-key="${was}"]) #value:focus`, { timeout: 15000 });
    }
    await page.waitForSelector('#saving', { state: 'detached', timeout: 30000 });
    expect(new Set(seen).size).toBe(seen.length);
    const entries = (await listReviews(database, documentId)).map((r) => r.field);
    expect([...entries].sort()).toEqual([...seen].sort());
    const report = (await findReport(database, documentId)) as Report;
    expect(seen.map((k) => report.fields[k].needsReview)).toEqual(seen.map(() => false));
    await page.context().close();
  }, 120000);

  it('fits a phone: archive, queue and review at 375 px without sideways scrolling, in Chinese or English', async () => {
    // The archive and the queue as the desk tests see them: a copy of the scan beside the digital report.
    await scanCopy();
    const page = await loggedIn(375);
    const noOverflow = async () => {
      // Run in the page (the test's own types know no DOM).
      const widths = await page.evaluate(() => {
        const root = (
          globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
        ).document.documentElement;
        return [root.scrollWidth, root.clientWidth];
      });
      expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    };
    await page.waitForSelector('#docs li.doc', { timeout: 15000 });
    await noOverflow();
    await page.screenshot({ path: path.join(shots, 'archive-375.png') });
    await page.click('nav a[href="/queue"]');
    await page.waitForSelector('#queue li', { timeout: 15000 });
    await noOverflow();
    await page.screenshot({ path: path.join(shots, 'queue-375.png') });
    await page.keyboard.press('Enter');
    await page.waitForSelector('#value:focus', { timeout: 15000 });
    await page.waitForSelector('.page-view .mark', { timeout: 15000 });
    await page.screenshot({ path: path.join(shots, 'review-375.png') });
    await noOverflow();
    // The interface in English, and back: the choice is the person's, kept across pages.
    await page.click('header button:text("English")');
    await page.waitForSelector('nav a[href="/queue"]:text("Review queue")', { timeout: 5000 });
    await page.click('nav a[href="/"]');
    await page.waitForSelector('#drop:has-text("Drop PDF files here")', { timeout: 5000 });
    await page.click('header button:text("中文")');
    await page.waitForSelector('nav a[href="/queue"]:text("审核队列")', { timeout: 5000 });
    await page.context().close();
  }, 60000);

  it('keeps the archive search and filters in the address, so a reload or a link shows the same view', async () => {
    const documentId = await scanCopy();
    const page = await loggedIn(1280);
    await page.waitForSelector('#docs li.doc', { timeout: 15000 });
    await page.fill('.filters input[type=search]', 'digital');
    await page.waitForURL(/\?q=digital/, { timeout: 5000 });
    await page.selectOption('.filters select', 'done');
    await page.waitForURL(/state=done/, { timeout: 5000 });
    await page.waitForSelector(`#docs li.doc[data-id="${otherId}"]`, { timeout: 15000 });
    await page.waitForSelector(`#docs li.doc[data-id="${documentId}"]`, { state: 'detached', timeout: 15000 });
    await page.reload();
    await page.waitForSelector(`#docs li.doc[data-id="${otherId}"]`, { timeout: 15000 });
    expect(await page.$(`#docs li.doc[data-id="${documentId}"]`)).toBeNull();
    expect(await page.inputValue('.filters input[type=search]')).toBe('digital');
    await page.context().close();
  }, 60000);

  it('leaves no English word on the archive, the queue, a report and the desk in Chinese mode', async () => {
    const documentId = await scanCopy();
    const page = await loggedIn(1280);
    // What is not the interface's to translate: file names, user names, ids, formats and key names.
    const ALLOWED = new Set(['PDF', 'CSV', 'XLSX', 'JSON', 'API', 'OpenAPI', 'Enter', 'Tab', 'Shift', 'Esc', 'Alt']);
    ALLOWED.add('PageUp').add('PageDown').add('English').add('docpipe');
    // The users this test made, named as they are.
    ALLOWED.add('admin').add('rita').add('archie');
    const english = async (where: string) => {
      // The text shown, node by node, less what is marked translate="no" (the document's own words, keys, names).
      const text = await page.evaluate(() => {
        type Node = { nodeType: number; textContent: string; childNodes: Node[]; getAttribute?(a: string): string };
        const walk = (node: Node): string[] =>
          node.nodeType === 3
            ? [node.textContent]
            : node.getAttribute?.('translate') === 'no' ||
                /^(SCRIPT|STYLE)$/.test((node as { nodeName?: string }).nodeName ?? '')
              ? []
              : [...node.childNodes].flatMap(walk);
        return walk((globalThis as unknown as { document: { body: Node } }).document.body).join(' ');
      });
      const words = text
        .replace(/\S+\.pdf/gi, ' ')
        .replace(/\b[0-9a-f]{16,}\b/g, ' ')
        .match(/[A-Za-z]{2,}/g);
      return (words ?? []).filter((w) => !ALLOWED.has(w)).map((w) => `${where}: ${w}`);
    };
    const left: string[] = [];
    await page.waitForSelector('#docs li.doc', { timeout: 15000 });
    // A file the server refuses (not a PDF): its refusal is said in Chinese from its code, not in the server's English.
    await page.setInputFiles('#drop input[type=file]', {
      name: 'notes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('a few words, no PDF\n'),
    });
    const refusal = await page.waitForSelector('#uploads li[data-state=refused] .said', { timeout: 15000 });
    expect(await refusal.textContent()).toBe(' 这不是 PDF 文件。');
    left.push(...(await english('archive')));
    await page.goto(`${api}/queue`);
    await page.waitForSelector('#queue li', { timeout: 15000 });
    left.push(...(await english('queue')));
    await page.goto(`${api}/documents/${documentId}`);
    await page.waitForSelector('h1', { timeout: 15000 });
    await page.waitForTimeout(1000);
    left.push(...(await english('report')));
    await page.goto(`${api}/review/${documentId}`);
    await page.waitForSelector('#value:focus', { timeout: 15000 });
    left.push(...(await english('desk')));
    expect([...new Set(left)]).toEqual([]);
    await page.context().close();
  }, 60000);

  it('refuses the review to an archivist, and the stored report stays as it was', async () => {
    const documentId = await scanCopy();
    await asNewUser(api, 'archie', ['archivist']);
    const page = await loggedIn(1280, 'archie', 'archie password for tests');
    const before = (await findReport(database, documentId)) as Report;
    const other = Object.keys(before.fields).find((k) => before.fields[k].needsReview) as string;
    await page.goto(`${api}/review/${documentId}?field=${encodeURIComponent(other)}`);
    await page.waitForSelector(`.editor[data-key="${other}"] #value:focus`, { timeout: 15000 });
    await page.keyboard.press('Enter');
    // Refused by the server (403 forbidden), said in Chinese from the code and its parameters (the role too).
    await page.waitForSelector('#message:has-text("档案员")', { timeout: 15000 });
    const said = (await page.textContent('#message')) ?? '';
    expect(said).toContain('你的角色不能进行此操作');
    expect(said.replace('archie', '')).not.toMatch(/[A-Za-z]{2,}/);
    const after = (await findReport(database, documentId)) as Report;
    expect(after.fields[other]).toEqual(before.fields[other]);
    expect((await listReviews(database, documentId)).some((r) => r.reviewer === 'archie')).toBe(false);
    await page.context().close();
  }, 60000);

  it('runs no script from a document id made of markup, and no page broke the policy', async () => {
    const page = await loggedIn(1280);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${api}/review/%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    // The application ran (it asked for the document and shows the API's answer as text); the markup did not.
    await page.waitForSelector('#head:has-text("没有编号为")', { timeout: 15000 });
    expect(await page.textContent('#head')).toContain('<script>alert(1)</script>');
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    await page.context().close();
  }, 60000);
});

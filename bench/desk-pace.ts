// `npm run bench:desk`: the review desk as a reviewer at human pace uses it (issue #18's pace: 1.5 s to look at a
// field, 150 ms a key), in Debian's Chromium at 1280x800 against the services as processes in a namespace of their own.
// One scanned report is read by the pipeline with REVIEW_THRESHOLD at DESK_REVIEW_THRESHOLD (0.999 by default: at the
// service's own threshold a corpus scan sends almost nothing to review, and a desk bench needs a document full of
// flagged fields; every field read under full confidence is flagged). Then:
// 1. one by one: DESK_FIELDS flagged fields confirmed as read (look, Enter); for each, the wait from the key going down
//    (the desk acts on keydown; the key comes up 150 ms after it, whatever the desk does) until the next field shows
//    with its crop and page image drawn; fields a minute over the whole stretch;
// 2. the rest of the document as a reviewer who knows the desk clears it: at a field whose identities all hold
//    (the desk shows them beside the value box) one key `c` confirms its table's holding fields, then Enter moves on;
//    any other field is confirmed with Enter. Fields cleared a minute, keys pressed.
// Prints both. Under this pace one key per field cannot exceed 60 / 1.65 s = 36.4 fields a minute, whatever the desk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, Page } from 'playwright-core';
import { loadConfig } from '../shared/config/config';
import { STACK_ADMIN, adminBasic, apiKeyOf } from '../harness/credentials';
import { serviceStack } from '../harness/service-processes';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium';
import { sharedRoot } from './scan-conditions';

const FILE = process.env.DESK_FILE ?? path.join(sharedRoot(), 'corpus', '002-yinchuan-2020.scan.pdf');
const THRESHOLD = Number(process.env.DESK_REVIEW_THRESHOLD ?? 0.999);
const FIELDS = Number(process.env.DESK_FIELDS ?? 20);
const LOOK_MS = 1500;
const KEY_MS = 150;

interface ReviewField {
  key: string;
  found: boolean;
  checks: { status: string }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const slowest = (xs: number[]) => Math.max(...xs);

const QUEUE_EMPTY = ['Nothing to review', '没有待审核'];

/** Presses `key` as a person does (down, up KEY_MS later) and times from its going down until the next field shows
 * (nextFieldShown). */
async function pressAndWait(page: Page, key: string, was: string | null): Promise<number | null> {
  await page.keyboard.down(key);
  const shown = nextFieldShown(page, was);
  // Its failure, if any, is the caller's when awaited, not an unhandled rejection while the key is held.
  shown.catch(() => undefined);
  await page.waitForTimeout(KEY_MS);
  await page.keyboard.up(key);
  return shown;
}

/** Resolves once the desk shows a field other than `was`, its crop and page image drawn: how long that took, in ms;
 * null if the desk said instead that nothing is left to review. */
async function nextFieldShown(page: Page, was: string | null): Promise<number | null> {
  const t = Date.now();
  await page.waitForFunction(
    ([k, empty]) => {
      const d = (
        globalThis as unknown as {
          document: {
            querySelector(
              s: string,
            ): { getAttribute(a: string): string; complete?: boolean; textContent: string } | null;
          };
        }
      ).document;
      const message = d.querySelector('#message')?.textContent ?? '';
      if (empty.some((e) => message.includes(e))) {
        return true;
      }
      const editor = d.querySelector('.editor');
      const crop = d.querySelector('.editor img.crop');
      const sheet = d.querySelector('.page-view .sheet img');
      return (
        editor !== null &&
        editor.getAttribute('data-key') !== k &&
        (crop === null || crop.complete === true) &&
        (sheet === null || sheet.complete === true)
      );
    },
    [was, QUEUE_EMPTY] as const,
    { timeout: 30000, polling: 10 },
  );
  const message = (await page.textContent('#message')) ?? '';
  return QUEUE_EMPTY.some((e) => message.includes(e)) ? null : Date.now() - t;
}

async function main(): Promise<void> {
  const id = randomUUID().slice(0, 8);
  const config = {
    ...loadConfig({ ...process.env, ...STACK_ADMIN }),
    QUEUE_PREFIX: `desk-bench-${id}`,
    MONGODB_DB: `desk_bench_${id}`,
    HTTP_PORT: 0,
    METRICS_PORT: 0,
    REVIEW_THRESHOLD: THRESHOLD,
  };
  const stack = await serviceStack(config);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    const upload = await stack.start('upload');
    for (const stage of ['ocr', 'table-extraction', 'normalisation'] as const) {
      await stack.start(stage);
    }
    const api = `http://127.0.0.1:${upload.port}`;
    const authorization = `Token ${await apiKeyOf(api, adminBasic())}`;
    const get = async <T>(route: string): Promise<T> =>
      (await (await fetch(`${api}${route}`, { headers: { authorization } })).json()) as T;

    const body = new FormData();
    body.append('file', new Blob([readFileSync(FILE)]), path.basename(FILE));
    const posted = await fetch(`${api}/api/documents`, { method: 'POST', body, headers: { authorization } });
    const documentId = ((await posted.json()) as { id: string }).id;
    const read = Date.now();
    for (;;) {
      const status = (await get<{ status: string }>(`/api/documents/${documentId}`)).status;
      if (status === 'done') {
        break;
      }
      if (status === 'failed' || Date.now() - read > 20 * 60000) {
        throw new Error(`${path.basename(FILE)}: ${status} after ${Math.round((Date.now() - read) / 1000)} s`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    const flagged = async () =>
      (await get<{ review: { flagged: number } }>(`/api/documents/${documentId}/review`)).review.flagged;
    const atStart = await flagged();
    console.log(
      `${path.basename(FILE)} read in ${Math.round((Date.now() - read) / 1000)} s; ${atStart} fields flagged at REVIEW_THRESHOLD ${THRESHOLD}`,
    );

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${api}/login`);
    await page.fill('input[name=username]', STACK_ADMIN.DOCPIPE_ADMIN_USER);
    await page.fill('input[name=password]', STACK_ADMIN.DOCPIPE_ADMIN_PASSWORD);
    await page.press('input[name=password]', 'Enter');
    await page.waitForURL(`${api}/`);
    await page.goto(`${api}/review/${documentId}`);
    await page.waitForSelector('.editor #value:focus', { timeout: 30000 });
    const current = () => page.getAttribute('.editor', 'data-key');
    const drained = () => page.waitForSelector('#saving', { state: 'detached', timeout: 60000 });

    // 1. One by one.
    const oneByOne = Math.min(FIELDS, atStart - 1);
    const waits: number[] = [];
    const began = Date.now();
    for (let i = 0; i < oneByOne; i += 1) {
      const was = await current();
      await page.waitForTimeout(LOOK_MS);
      const wait = await pressAndWait(page, 'Enter', was);
      if (wait === null) {
        throw new Error(`the desk ran out of fields after ${i + 1}`);
      }
      waits.push(wait);
    }
    const oneMinutes = (Date.now() - began) / 60000;
    await drained();
    console.log(
      `one by one: ${oneByOne} fields, ${(oneByOne / oneMinutes).toFixed(1)} fields a minute (the pace's ceiling ${(60000 / (LOOK_MS + KEY_MS)).toFixed(1)}); ` +
        `wait for the next field median ${median(waits)} ms, slowest ${slowest(waits)} ms`,
    );

    // 2. The rest, with a table's holding identities confirmed at once.
    const before = await flagged();
    const holding = new Set(
      (await get<{ fields: ReviewField[] }>(`/api/documents/${documentId}/review`)).fields
        .filter((f) => f.found && f.checks.length > 0 && f.checks.every((c) => c.status === 'ok'))
        .map((f) => f.key),
    );
    const confirmedTables = new Set<string>();
    let keys = 0;
    const restWaits: number[] = [];
    const restBegan = Date.now();
    // At most two keys a flagged field: a bound on a desk that would go round without settling anything.
    while (keys < 2 * before) {
      const was = (await current()) ?? '';
      await page.waitForTimeout(LOOK_MS);
      const table = was.split('.')[0];
      if (holding.has(was) && !confirmedTables.has(table)) {
        confirmedTables.add(table);
        await page.keyboard.press('c', { delay: KEY_MS });
        keys += 1;
        await page.waitForSelector('#message:has-text("Confirmed"), #message:has-text("已确认")', { timeout: 30000 });
      }
      const wait = await pressAndWait(page, 'Enter', was);
      keys += 1;
      if (wait === null) {
        break;
      }
      restWaits.push(wait);
    }
    const restMinutes = (Date.now() - restBegan) / 60000;
    await drained();
    const after = await flagged();
    console.log(
      `the rest with tables confirmed at once: ${before - after} fields cleared (${after} left) with ${keys} keys in ${restMinutes.toFixed(2)} min: ` +
        `${((before - after) / restMinutes).toFixed(1)} fields a minute; ${confirmedTables.size} tables confirmed with c; ` +
        `wait for the next field median ${median(restWaits)} ms, slowest ${slowest(restWaits)} ms`,
    );
    await context.close();
  } finally {
    await browser.close();
    await stack.tearDown();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

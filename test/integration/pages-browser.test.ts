// The upload service's pages in a real browser (Debian's Chromium through playwright-core): under the content
// security policy their own scripts run, and a document id made of markup runs nothing (it was reflected XSS).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import request from 'supertest';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import { CORPUS, YINCHUAN } from '../support/truth';
import { blankPdf } from '../support/pdfs';
import { Client, TEST_ADMIN, asAdmin } from '../support/auth';
import { dropNamespace, testConfig } from '../support/namespace';

const config = testConfig();
let upload: RunningUpload;
let api: string;
let client: Client;
let browser: Browser;

beforeAll(async () => {
  upload = await startUploadService(config);
  api = `http://127.0.0.1:${upload.port}`;
  client = await asAdmin(api);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}, 60000);

afterAll(async () => {
  await browser?.close();
  await upload.stop();
  await dropNamespace(config);
});

async function logIn(page: Page): Promise<void> {
  await page.fill('input[name=username]', TEST_ADMIN.DOCPIPE_ADMIN_USER);
  await page.fill('input[name=password]', TEST_ADMIN.DOCPIPE_ADMIN_PASSWORD);
  await page.click('button');
}

/** A page of a fresh browser context, logged in through the login form as the test admin. */
async function loggedInPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${api}/login`);
  await logIn(page);
  await page.waitForURL(`${api}/`, { timeout: 15000 });
  return page;
}

describe('pages under the content security policy', () => {
  it('sends a policy with a fresh nonce per response and no unsafe-inline', async () => {
    const [a, b] = await Promise.all([client.get('/'), client.get('/')]);
    const policy = a.headers['content-security-policy'];
    expect(policy).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    const nonce = (res: request.Response) => /<script nonce="([^"]+)"/.exec(res.text)?.[1];
    expect(nonce(a)).toBeDefined();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(policy).toContain(`'nonce-${nonce(a)}'`);
  });

  it('sends a visitor who is not logged in to the login page, and back after logging in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${api}/`);
    await page.waitForURL(/\/login\?next=%2F$/, { timeout: 15000 });
    await page.fill('input[name=username]', TEST_ADMIN.DOCPIPE_ADMIN_USER);
    await page.fill('input[name=password]', 'not the password');
    await page.click('button');
    await page.waitForSelector('#msg:text("wrong username or password")', { timeout: 15000 });
    await logIn(page);
    await page.waitForURL(`${api}/`, { timeout: 15000 });
    await page.waitForSelector(`#who:text("${TEST_ADMIN.DOCPIPE_ADMIN_USER} (admin)")`, { timeout: 15000 });
    await context.close();
  });

  it('runs the archive page script: an uploaded document shows in the list', async () => {
    const file = `${YINCHUAN}.digital.pdf`;
    expect((await client.post('/api/documents').attach('file', readFileSync(path.join(CORPUS, file)), file)).status).toBe(201);
    const page = await loggedInPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) {
        violations.push(m.text());
      }
    });
    await page.goto(`${api}/`);
    await page.waitForSelector(`#docs td:text("${file}")`, { timeout: 15000 });
    // Uploaded while the page is open: the list hears of it from the server's events, with no reload.
    expect((await client.post('/api/documents').attach('file', blankPdf(2), 'later.pdf')).status).toBe(201);
    await page.waitForSelector('#docs td:text("later.pdf")', { timeout: 15000 });
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('runs no script from a document id made of markup', async () => {
    const page = await loggedInPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${api}/review/%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    // The page's own script ran (it asked for the document and shows the API's answer), the injected one did not.
    // A selector, not a function: the page's policy forbids eval, which waitForFunction would need.
    await page.waitForSelector('#head:not(:empty)', { timeout: 15000 });
    expect(dialogs).toEqual([]);
    await page.context().close();
  });
});

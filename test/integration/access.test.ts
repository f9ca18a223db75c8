// Who may do what, on the real upload service and database: every API endpoint refuses a request without
// credentials (401) and one whose roles do not allow it (403); sessions need their CSRF token for changes; failed
// logins and uploads are limited per user or key, not per address; the first admin is made once.
import request from 'supertest';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import { ensureFirstAdmin } from '../../services/upload/src/auth/first-admin';
import { createLogger } from '../../shared/logging/logger';
import { connectDatabase, Database } from '../../shared/store/database';
import { saveReport } from '../../shared/store/results.repository';
import { STACK_ADMIN, adminBasic, basicHeader } from '../../harness/credentials';
import { Client, asAdmin, asNewUser } from '../support/auth';
import { blankPdf } from '../support/pdfs';
import { SHIZUISHAN, truthReport } from '../../harness/corpus';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';

// Small limits so that reaching them takes a few requests; the defaults' reasons are in shared/config/config.ts.
const config = testConfig({ LOGIN_FAILURES_PER_15_MIN: 3, UPLOADS_PER_MINUTE: 3 });
const FIELD = 'applications.newlyReceived.total';
let upload: RunningUpload;
let database: Database;
let api: string;
let admin: Client;
let id: string;
let pdfCount = 0;
// A distinct small PDF each time (pages differ), so no upload is a duplicate of another.
const nextPdf = () => blankPdf(1, 300 + (pdfCount += 1), 400);

beforeAll(async () => {
  upload = await startUploadService(config);
  api = `http://127.0.0.1:${upload.port}`;
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  admin = await asAdmin(api);
  const res = await admin.post('/api/documents').attach('file', nextPdf(), 'report.pdf');
  expect(res.status).toBe(201);
  id = res.body.id as string;
  await saveReport(
    database,
    truthReport(SHIZUISHAN, id, { filename: 'report.pdf', sha256: res.body.sha256 as string, pages: 1 }),
  );
}, 60000);

afterAll(async () => {
  await upload.stop();
  await database.client.close();
  await dropNamespace(config);
});

/** Every API endpoint, with the permission it needs. */
const endpoints = () =>
  [
    { method: 'post', path: '/api/documents', needs: 'upload' },
    { method: 'get', path: '/api/documents', needs: 'read' },
    { method: 'get', path: `/api/documents/${id}`, needs: 'read' },
    { method: 'post', path: `/api/documents/${id}/retry`, needs: 'upload' },
    { method: 'get', path: `/api/documents/${id}/report`, needs: 'read' },
    { method: 'get', path: `/api/documents/${id}/review`, needs: 'read' },
    { method: 'get', path: `/api/documents/${id}/reviews`, needs: 'read' },
    { method: 'get', path: `/api/documents/${id}/pages/1/image?x=0&y=0&width=10&height=10`, needs: 'read' },
    { method: 'post', path: `/api/documents/${id}/fields/${FIELD}/review`, needs: 'review' },
    { method: 'post', path: `/api/documents/${id}/tables/applications/confirm`, needs: 'review' },
    { method: 'post', path: `/api/documents/${id}/confirmations/none/undo`, needs: 'review' },
    { method: 'get', path: `/api/documents/${id}/fields.csv`, needs: 'read' },
    { method: 'get', path: `/api/documents/${id}/pdf`, needs: 'read' },
    { method: 'get', path: `/api/documents/${id}/tables.xlsx`, needs: 'read' },
    { method: 'get', path: `/api/documents/${id}/tables/applications.csv`, needs: 'read' },
    { method: 'get', path: '/api/review/queue', needs: 'read' },
    { method: 'get', path: '/api/users', needs: 'manage-users' },
    { method: 'post', path: '/api/users', needs: 'manage-users' },
    { method: 'patch', path: '/api/users/admin', needs: 'manage-users' },
    { method: 'get', path: '/api/auth/me', needs: 'login' },
    { method: 'post', path: '/api/auth/logout', needs: 'login' },
    { method: 'get', path: '/api/auth/keys', needs: 'login' },
    { method: 'post', path: '/api/auth/keys', needs: 'login' },
    { method: 'delete', path: '/api/auth/keys/none', needs: 'login' },
  ] as const;

describe('roles', () => {
  it('answers every API endpoint without credentials with 401, and health checks and pages with 200', async () => {
    for (const e of endpoints()) {
      const res = await request(api)[e.method](e.path);
      expect({ ...e, status: res.status }).toEqual({ ...e, status: 401 });
      expect(res.headers['www-authenticate']).toBe('Token realm="docpipe"');
    }
    for (const open of ['/healthz', '/readyz', '/login', '/']) {
      expect((await request(api).get(open)).status).toBe(200);
    }
    // The page names its icon, served from the same origin.
    expect((await request(api).get('/login')).text).toContain('<link rel="icon" href="/favicon.svg"');
    const icon = await request(api).get('/favicon.svg');
    expect([icon.status, icon.headers['content-type']]).toEqual([200, expect.stringMatching(/^image\/svg\+xml/)]);
  });

  it('refuses a wrong key, a wrong password and an unknown scheme with 401', async () => {
    expect((await request(api).get('/api/documents').set('Authorization', 'Token not-a-key')).status).toBe(401);
    expect(
      (await request(api).get('/api/documents').set('Authorization', basicHeader('nobody-here', 'whatever password')))
        .status,
    ).toBe(401);
    const bearer = await request(api).get('/api/documents').set('Authorization', 'Bearer x');
    expect(bearer.status).toBe(401);
    expect(bearer.body.error).toMatch(/Token <key>/);
  });

  it('lets each role do what it is for, and answers the rest with 403', async () => {
    const users = {
      archivist: await asNewUser(api, 'archie', ['archivist']),
      reviewer: await asNewUser(api, 'rita', ['reviewer']),
      reader: await asNewUser(api, 'reid', ['reader']),
    };
    const grants = {
      archivist: ['upload', 'read', 'login'],
      reviewer: ['review', 'read', 'login'],
      reader: ['read', 'login'],
    };
    for (const [role, client] of Object.entries(users)) {
      for (const e of endpoints()) {
        const res = await client[e.method](e.path).send(e.needs === 'review' ? { raw: '5' } : {});
        const allowed = grants[role as keyof typeof grants].includes(e.needs);
        // An allowed request may still be refused for what it sends (400, 404, 409), never for who sends it.
        expect({ role, ...e, refused: res.status === 401 || res.status === 403 }).toEqual({
          role,
          ...e,
          refused: !allowed,
        });
      }
    }
  });

  it('records a review under the logged-in reviewer, whatever name the body gives', async () => {
    const reviewer = await asNewUser(api, 'rosa', ['reviewer']);
    const res = await reviewer
      .post(`/api/documents/${id}/fields/${FIELD}/review`)
      .send({ raw: '12', reviewer: 'somebody else' });
    expect(res.status).toBe(200);
    expect(res.body.review.by).toBe('rosa');
    const reviews = (await admin.get(`/api/documents/${id}/reviews`)).body.reviews as { reviewer: string }[];
    expect(reviews.at(-1)?.reviewer).toBe('rosa');
  });
});

describe('users and keys', () => {
  it('lets an admin create and change users, but not lock themselves out', async () => {
    const created = await admin
      .post('/api/users')
      .send({ username: 'una', password: 'una password 1', roles: ['reader'] });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    expect(
      (await admin.post('/api/users').send({ username: 'una', password: 'another password', roles: ['reader'] }))
        .status,
    ).toBe(409);
    expect(
      (await admin.post('/api/users').send({ username: 'short', password: 'short', roles: ['reader'] })).body.error,
    ).toMatch(/at least 10/);
    expect(
      (await admin.post('/api/users').send({ username: 'x', password: 'long enough password', roles: ['owner'] }))
        .status,
    ).toBe(400);
    const changed = await admin.patch('/api/users/una').send({ roles: ['reviewer'] });
    expect(changed.body).toMatchObject({ username: 'una', roles: ['reviewer'] });
    expect((await admin.patch('/api/users/nobody').send({ disabled: true })).status).toBe(404);
    expect((await admin.patch(`/api/users/${STACK_ADMIN.DOCPIPE_ADMIN_USER}`).send({ roles: ['reader'] })).status).toBe(
      409,
    );
    expect((await admin.patch(`/api/users/${STACK_ADMIN.DOCPIPE_ADMIN_USER}`).send({ disabled: true })).status).toBe(
      409,
    );
    const list = (await admin.get('/api/users')).body.users as { username: string }[];
    expect(list.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'una']));
  });

  it('stops a disabled user and a revoked key at once', async () => {
    const user = await asNewUser(api, 'dora', ['archivist']);
    expect((await user.get('/api/documents')).status).toBe(200);
    await admin.patch('/api/users/dora').send({ disabled: true });
    expect((await user.get('/api/documents')).status).toBe(401);
    const key = await admin.post('/api/auth/keys').send({ name: 'to revoke' });
    const client = request.agent(api).set('Authorization', `Token ${key.body.token as string}`);
    expect((await client.get('/api/documents')).status).toBe(200);
    expect((await admin.delete(`/api/auth/keys/${key.body.id as string}`)).status).toBe(204);
    expect((await client.get('/api/documents')).status).toBe(401);
    const keys = (await admin.get('/api/auth/keys')).body.keys as { id: string }[];
    expect(keys.map((k) => k.id)).not.toContain(key.body.id);
    // Only the key's hash is stored.
    expect(await database.apiKeys.countDocuments({ hash: key.body.token as string })).toBe(0);
  });

  it('creates the first admin once: a second start with another password changes nothing', async () => {
    const logger = createLogger('test', 'silent');
    await ensureFirstAdmin(
      database,
      { username: STACK_ADMIN.DOCPIPE_ADMIN_USER, password: 'a different password' },
      logger,
    );
    expect(await database.users.countDocuments({ _id: STACK_ADMIN.DOCPIPE_ADMIN_USER })).toBe(1);
    expect((await request(api).get('/api/auth/me').set('Authorization', adminBasic())).status).toBe(200);
    await expect(ensureFirstAdmin(database, { username: 'new-admin', password: 'short' }, logger)).rejects.toThrow(
      /DOCPIPE_ADMIN/,
    );
  });
});

describe('sessions', () => {
  it('logs in with an HttpOnly SameSite=Strict cookie, needs the CSRF token for changes, and logs out', async () => {
    const browser = request.agent(api);
    const login = await browser
      .post('/api/auth/login')
      .send({ username: STACK_ADMIN.DOCPIPE_ADMIN_USER, password: STACK_ADMIN.DOCPIPE_ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/docpipe_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const csrf = login.body.csrfToken as string;
    expect((await browser.get('/api/documents')).status).toBe(200);
    const forged = await browser.post('/api/documents').attach('file', nextPdf(), 'forged.pdf');
    expect(forged.status).toBe(403);
    expect(forged.body.error).toMatch(/x-csrf-token/);
    expect(
      (await browser.post('/api/documents').set('x-csrf-token', 'wrong').attach('file', nextPdf(), 'forged.pdf'))
        .status,
    ).toBe(403);
    expect(
      (await browser.post('/api/documents').set('x-csrf-token', csrf).attach('file', nextPdf(), 'real.pdf')).status,
    ).toBe(201);
    expect((await browser.post('/api/auth/logout').set('x-csrf-token', csrf)).status).toBe(204);
    expect((await browser.get('/api/documents')).status).toBe(401);
    // The old cookie is worth nothing once logged out, even sent by hand.
    expect((await request(api).get('/api/documents').set('Cookie', cookie.split(';')[0])).status).toBe(401);
  });
});

describe('rate limits', () => {
  it('limits failed logins per username, from the form and from HTTP Basic, without counting good ones', async () => {
    await asNewUser(api, 'lena', ['reader']);
    const fail = () => request(api).post('/api/auth/login').send({ username: 'lena', password: 'wrong password' });
    for (let i = 0; i < config.LOGIN_FAILURES_PER_15_MIN; i += 1) {
      expect((await fail()).status).toBe(401);
    }
    expect((await fail()).status).toBe(429);
    // Another user is not held back by lena's failures.
    expect(
      (
        await request(api)
          .post('/api/auth/login')
          .send({ username: STACK_ADMIN.DOCPIPE_ADMIN_USER, password: STACK_ADMIN.DOCPIPE_ADMIN_PASSWORD })
      ).status,
    ).toBe(200);

    await asNewUser(api, 'basil', ['reader']);
    const right = basicHeader('basil', 'basil password for tests');
    for (let i = 0; i < 5; i += 1) {
      expect((await request(api).get('/api/documents').set('Authorization', right)).status).toBe(200);
    }
    for (let i = 0; i < config.LOGIN_FAILURES_PER_15_MIN; i += 1) {
      expect(
        (await request(api).get('/api/documents').set('Authorization', basicHeader('basil', 'guess'))).status,
      ).toBe(401);
    }
    expect((await request(api).get('/api/documents').set('Authorization', basicHeader('basil', 'guess'))).status).toBe(
      429,
    );
  });

  it('limits uploads per user or key, not per address', async () => {
    const first = await asNewUser(api, 'ulla', ['archivist']);
    const second = await asNewUser(api, 'uwe', ['archivist']);
    for (let i = 0; i < config.UPLOADS_PER_MINUTE; i += 1) {
      expect((await first.post('/api/documents').attach('file', nextPdf(), 'a.pdf')).status).toBe(201);
    }
    const refused = await first.post('/api/documents').attach('file', nextPdf(), 'refused.pdf');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/uploads a minute by ulla/);
    expect(await database.documents.countDocuments({ filename: 'refused.pdf' })).toBe(0);
    // The same address, another user: not limited.
    expect((await second.post('/api/documents').attach('file', nextPdf(), 'b.pdf')).status).toBe(201);
  });
});

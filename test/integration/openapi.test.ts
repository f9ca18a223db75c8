// The OpenAPI document: every route the service has is in it (found by walking the express routers), it is
// served with a local reference page, and real answers of the running service validate against the schemas it
// was generated from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { z } from 'zod';
import { API_ROUTERS, createApp } from '../../services/upload/src/app';
import { ENDPOINTS, openApiPath } from '../../services/upload/src/openapi';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import type { UploadDeps } from '../../services/upload/src/upload-deps';
import { createLogger } from '../../shared/logging/logger';
import { createMetrics } from '../../shared/runtime/metrics';
import { errorAnswerSchema } from '../../shared/contracts/api';
import { connectDatabase, Database } from '../../shared/store/database';
import { saveReport } from '../../shared/store/results.repository';
import { Client, asAdmin, asNewUser } from '../support/auth';
import { CORPUS, SHIZUISHAN, truthReport } from '../../harness/corpus';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route as "METHOD path", from the routers themselves (what the service really answers). */
function routesOf(): string[] {
  // Routers are only built here, never run: what they need at construction is enough.
  const deps = {
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    maxUploadBytes: 1,
    limits: { maxPages: 1, maxPageInches: 1, uploadsPerMinute: 1 },
    auth: { sessionHours: 1, cookieSecure: false, loginFailuresPer15Min: 1 },
    stopping: new AbortController().signal,
  } as unknown as UploadDeps;
  const layers = (stack: RouteLayer[], prefix: string) =>
    stack
      .filter((l) => l.route)
      .flatMap((l) =>
        Object.keys(l.route!.methods).map(
          (m) => `${m.toUpperCase()} ${`${prefix}${l.route!.path}`.replace(/(.)\/$/, '$1')}`,
        ),
      );
  const app = createApp(deps) as unknown as { router: { stack: RouteLayer[] } };
  return [
    ...layers(app.router.stack, ''),
    ...API_ROUTERS.flatMap(([prefix, make]) =>
      layers((make(deps) as unknown as { stack: RouteLayer[] }).stack, prefix),
    ),
  ];
}

// The pages people open: HTML, not API.
const PAGES = ['GET /', 'GET /login', 'GET /review/:id', 'GET /api/docs'];

const config = testConfig();
let upload: RunningUpload;
let database: Database;
let api: string;
let admin: Client;

beforeAll(async () => {
  upload = await startUploadService(config);
  api = `http://127.0.0.1:${upload.port}`;
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  admin = await asAdmin(api);
}, 60000);

afterAll(async () => {
  await upload.stop();
  await database.client.close();
  await dropNamespace(config);
});

it('documents every route the service has, and nothing it has not', async () => {
  const routes = routesOf()
    .filter((r) => !PAGES.includes(r))
    .sort();
  expect(ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.path}`).sort()).toEqual(routes);
  const served = (await request(api).get('/api/openapi.json')).body as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
  };
  expect(served.openapi).toBe('3.1.0');
  for (const route of routes) {
    const [method, route_path] = route.split(' ');
    expect({ route, documented: Boolean(served.paths[openApiPath(route_path)]?.[method.toLowerCase()]) }).toEqual({
      route,
      documented: true,
    });
  }
});

it('serves a reference page and its assets from the service itself', async () => {
  const page = await request(api).get('/api/docs');
  expect(page.status).toBe(200);
  expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
  expect(page.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
  expect((await request(api).get('/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
});

it('answers, on the real service, as the document says', async () => {
  const file = `${SHIZUISHAN}.digital.pdf`;
  const answers: { what: string; status: number; body: unknown; path: string; method: string }[] = [];
  const record = async (
    method: 'get' | 'post',
    route: string,
    url: string,
    send: (r: request.Test) => request.Test = (r) => r,
    as: Client = admin,
  ) => {
    const res = await send(as[method](url));
    answers.push({ what: `${method.toUpperCase()} ${url}`, status: res.status, body: res.body, path: route, method });
    return res;
  };
  const uploaded = await record('post', '/api/documents', '/api/documents', (r) =>
    r.attach('file', readFileSync(path.join(CORPUS, file)), file),
  );
  const id = uploaded.body.id as string;
  await saveReport(
    database,
    truthReport(SHIZUISHAN, id, { filename: file, sha256: uploaded.body.sha256 as string, pages: 7 }),
  );
  const reviewer = await asNewUser(api, 'otto', ['reviewer']);
  await record('post', '/api/documents', '/api/documents', (r) =>
    r.attach('file', readFileSync(path.join(CORPUS, file)), file),
  );
  await record('get', '/api/documents', '/api/documents?limit=5');
  await record('get', '/api/documents/:id', `/api/documents/${id}`);
  await record('get', '/api/documents/:id', '/api/documents/nope');
  await record('get', '/api/documents/:id/report', `/api/documents/${id}/report`);
  await record('get', '/api/documents/:id/review', `/api/documents/${id}/review`);
  await record(
    'post',
    '/api/documents/:id/fields/:key/review',
    `/api/documents/${id}/fields/applications.newlyReceived.total/review`,
    (r) => r.send({ raw: '3' }),
    reviewer,
  );
  await record(
    'post',
    '/api/documents/:id/fields/:key/review',
    `/api/documents/${id}/fields/applications.newlyReceived.total/review`,
    (r) => r.send({ raw: 'x' }),
    reviewer,
  );
  await record('get', '/api/documents/:id/reviews', `/api/documents/${id}/reviews`);
  await record('get', '/api/review/queue', '/api/review/queue');
  await record('post', '/api/documents/:id/retry', `/api/documents/${id}/retry`);
  await record('get', '/api/auth/me', '/api/auth/me');
  await record('get', '/api/auth/keys', '/api/auth/keys');
  await record('post', '/api/auth/keys', '/api/auth/keys', (r) => r.send({ name: 'openapi test' }));
  await record('get', '/api/users', '/api/users');
  await record('post', '/api/users', '/api/users', (r) =>
    r.send({ username: 'otto', password: 'long enough password', roles: ['reader'] }),
  );
  await record('get', '/readyz', '/readyz');
  await record(
    'post',
    '/api/auth/login',
    '/api/auth/login',
    (r) => r.send({ username: 'otto', password: 'otto password for tests' }),
    request.agent(api),
  );
  await record('get', '/api/documents', '/api/documents', (r) => r, request.agent(api));
  for (const a of answers) {
    const endpoint = ENDPOINTS.find((e) => e.method === a.method && e.path === a.path);
    // 401 and 403 are added to every endpoint that needs credentials, with the error schema.
    const schema: z.ZodTypeAny | undefined =
      a.status === 401 || a.status === 403 ? errorAnswerSchema : endpoint?.answers[a.status]?.schema;
    expect({ what: a.what, status: a.status, documented: Boolean(schema) }).toEqual({
      what: a.what,
      status: a.status,
      documented: true,
    });
    if (schema) {
      const result = schema.safeParse(a.body);
      expect({
        what: a.what,
        problems: result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      }).toEqual({ what: a.what, problems: [] });
    }
  }
  expect(answers.map((a) => a.status)).toEqual(expect.arrayContaining([200, 201, 401, 404, 409, 422]));
});

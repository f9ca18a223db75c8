// Credentials for tests: every test namespace's upload service creates the same first admin (testConfig), and a
// test talks to the API as a user holding an API key, the way a machine client does.
import request from 'supertest';
import type { Role } from '../../shared/contracts/user';

export const TEST_ADMIN = { DOCPIPE_ADMIN_USER: 'admin', DOCPIPE_ADMIN_PASSWORD: 'admin password for tests' };

export const basicHeader = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
export const adminBasic = () => basicHeader(TEST_ADMIN.DOCPIPE_ADMIN_USER, TEST_ADMIN.DOCPIPE_ADMIN_PASSWORD);

/** A new API key of a user, made with the user's own HTTP Basic credentials. */
export async function apiKeyOf(api: string, authorization: string): Promise<string> {
  const res = await request(api).post('/api/auth/keys').set('Authorization', authorization).send({ name: 'test' });
  if (res.status !== 201) {
    throw new Error(`could not make an API key: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.token as string;
}

/** A supertest agent that sends `Authorization: Token <key>` on every request. */
export const withKey = (api: string, token: string) => request.agent(api).set('Authorization', `Token ${token}`);

/** An agent acting as the test admin. */
export async function asAdmin(api: string) {
  return withKey(api, await apiKeyOf(api, adminBasic()));
}

/** Creates a user with `roles` (as the admin) and returns an agent acting as that user. */
export async function asNewUser(api: string, username: string, roles: Role[]) {
  const password = `${username} password for tests`;
  const created = await request(api)
    .post('/api/users')
    .set('Authorization', adminBasic())
    .send({ username, password, roles });
  if (created.status !== 201) {
    throw new Error(`could not create ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return withKey(api, await apiKeyOf(api, basicHeader(username, password)));
}

/** An agent that authenticates every request. */
export type Client = ReturnType<typeof withKey>;

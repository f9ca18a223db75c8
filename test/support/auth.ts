// Agents for tests: the namespace's admin (harness/credentials.ts) or a new user of given roles, each holding an API
// key.
import request from 'supertest';
import type { Role } from '../../shared/contracts/user';
import { adminBasic, apiKeyOf, basicHeader } from '../../harness/credentials';

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

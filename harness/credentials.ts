// The first admin of a namespace's upload service (every namespace a test or a benchmark makes creates the same one
// from its config) and the HTTP credentials made from it: a client talks to the API as a user holding an API key, the
// way a machine client does.
import request from 'supertest';

export const STACK_ADMIN = { DOCPIPE_ADMIN_USER: 'admin', DOCPIPE_ADMIN_PASSWORD: 'admin password for tests' };

export const basicHeader = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
export const adminBasic = () => basicHeader(STACK_ADMIN.DOCPIPE_ADMIN_USER, STACK_ADMIN.DOCPIPE_ADMIN_PASSWORD);

/** A new API key of a user, made with the user's own HTTP Basic credentials. */
export async function apiKeyOf(api: string, authorization: string): Promise<string> {
  const res = await request(api).post('/api/auth/keys').set('Authorization', authorization).send({ name: 'test' });
  if (res.status !== 201) {
    throw new Error(`could not make an API key: ${res.status} ${JSON.stringify(res.body)}`);
  }
  // supertest types a body as any: the key's response is { token }.
  return (res.body as { token: string }).token;
}

// Proving who one is: a session from a username and password (for the pages), and API keys (for machines); only
// hashes of the session token and the key are stored, the secrets themselves are given once.
import { randomUUID } from 'node:crypto';
import { AccessError, NotFoundError } from '../../../../shared/errors/errors';
import type { Logger } from '../../../../shared/logging/logger';
import type { Database } from '../../../../shared/store/database';
import {
  deleteApiKey,
  deleteSession,
  findUser,
  insertApiKey,
  insertSession,
  listApiKeys,
} from '../../../../shared/store/users.repository';
import { newToken, passwordMatches, tokenHash } from '../auth/secrets';

export interface SignInDeps {
  database: Database;
  logger: Logger;
}

// Compared against when the user does not exist, so a wrong username takes as long as a wrong password.
const NO_SUCH_USER_HASH = '$2b$10$cbFfN2Hck62AFzZiKZNTheen9NmfeRxVL7a7tCy5crT/inE6TIHUC';

/** A new session of `sessionHours` for the user whose password this is; AccessError (wrong-credentials) otherwise,
 * the same for an unknown user, a disabled one and a wrong password. */
export async function signIn(deps: SignInDeps, input: { username: string; password: string }, sessionHours: number) {
  const user = await findUser(deps.database, input.username);
  const matches = await passwordMatches(input.password, user?.passwordHash ?? NO_SUCH_USER_HASH);
  if (!user || user.disabled || !matches) {
    deps.logger.warn({ user: input.username }, 'login refused');
    throw new AccessError('wrong username or password', 'wrong-credentials');
  }
  const token = newToken();
  const csrfToken = newToken();
  const now = new Date();
  await insertSession(deps.database, {
    _id: tokenHash(token),
    userId: user._id,
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + sessionHours * 3_600_000),
  });
  deps.logger.info({ user: user._id }, 'logged in');
  return { token, answer: { username: user._id, roles: user.roles, csrfToken } };
}

/** Ends the session whose token hashes to `sessionId`. */
export async function signOut(deps: SignInDeps, sessionId: string): Promise<void> {
  await deleteSession(deps.database, sessionId);
}

export async function keysOf(deps: SignInDeps, username: string) {
  const keys = await listApiKeys(deps.database, username);
  return { keys: keys.map((k) => ({ id: k._id, name: k.name, createdAt: k.createdAt })) };
}

/** A new API key of the user's; the answer is the only place the key itself is ever shown. */
export async function createApiKey(deps: SignInDeps, username: string, name: string) {
  const token = newToken();
  const key = { _id: randomUUID(), userId: username, name, hash: tokenHash(token), createdAt: new Date() };
  await insertApiKey(deps.database, key);
  deps.logger.info({ user: username, keyId: key._id }, 'API key created');
  return { id: key._id, name: key.name, createdAt: key.createdAt, token };
}

/** Revokes one of the user's keys; NotFoundError when the user has no such key. */
export async function revokeApiKey(deps: SignInDeps, username: string, keyId: string): Promise<void> {
  if (!(await deleteApiKey(deps.database, username, keyId))) {
    throw new NotFoundError(`${username} has no API key ${keyId}`);
  }
  deps.logger.info({ user: username, keyId }, 'API key revoked');
}

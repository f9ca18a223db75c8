// The first admin, created at start-up from DOCPIPE_ADMIN_USER and DOCPIPE_ADMIN_PASSWORD if no such user exists
// (idempotent: an existing user, its password included, is left as it is).
import { newUserSchema } from '../../../../shared/contracts/user';
import type { Logger } from '../../../../shared/logging/logger';
import type { Database } from '../../../../shared/store/database';
import { findUser, insertUser } from '../../../../shared/store/users.repository';
import { hashPassword } from './secrets';

export async function ensureFirstAdmin(
  database: Database,
  admin: { username?: string; password?: string },
  logger: Logger,
): Promise<void> {
  if (!admin.username || !admin.password) {
    if ((await database.users.countDocuments({}, { limit: 1 })) === 0) {
      logger.warn('no users yet and no DOCPIPE_ADMIN_USER / DOCPIPE_ADMIN_PASSWORD: nobody can log in');
    }
    return;
  }
  const input = newUserSchema.safeParse({ username: admin.username, password: admin.password, roles: ['admin'] });
  if (!input.success) {
    throw new Error(
      `DOCPIPE_ADMIN_USER / DOCPIPE_ADMIN_PASSWORD: ${input.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  if (await findUser(database, input.data.username)) {
    return;
  }
  const now = new Date();
  const created = await insertUser(database, {
    _id: input.data.username,
    passwordHash: await hashPassword(input.data.password),
    roles: ['admin'],
    createdAt: now,
    updatedAt: now,
  });
  if (created) {
    logger.info({ user: input.data.username }, 'first admin created');
  }
}

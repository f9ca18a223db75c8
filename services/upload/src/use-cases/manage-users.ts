// Users, managed by admins: created with a hashed password, changed (roles, password, disabled), never so that an
// admin locks themselves out.
import type { Role, UserRecord } from '../../../../shared/contracts/user';
import { InputError, NotFoundError } from '../../../../shared/errors/errors';
import type { Logger } from '../../../../shared/logging/logger';
import type { Database } from '../../../../shared/store/database';
import { UserChange, insertUser, listUsers, updateUser } from '../../../../shared/store/users.repository';
import { hashPassword } from '../auth/secrets';

export interface UsersDeps {
  database: Database;
  logger: Logger;
}

export const userView = (u: UserRecord) => ({
  username: u._id,
  roles: u.roles,
  disabled: u.disabled ?? false,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

export async function usersList(deps: UsersDeps) {
  return { users: (await listUsers(deps.database)).map(userView) };
}

/** A new user; InputError (username-taken) when the name is in use. */
export async function createUser(
  deps: UsersDeps,
  input: { username: string; password: string; roles: Role[] },
  admin: string,
) {
  const now = new Date();
  const user: UserRecord = {
    _id: input.username,
    passwordHash: await hashPassword(input.password),
    roles: input.roles,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await insertUser(deps.database, user))) {
    throw new InputError(`the username ${input.username} is taken`, 'username-taken', { username: input.username });
  }
  deps.logger.info({ user: user._id, roles: user.roles, by: admin }, 'user created');
  return userView(user);
}

/** The user changed as asked; InputError (self-lockout) for an admin disabling themselves or dropping their own admin
 * role (the last way back would be the database by hand), NotFoundError for no such user. */
export async function changeUser(
  deps: UsersDeps,
  username: string,
  input: { password?: string; roles?: Role[]; disabled?: boolean },
  admin: string,
) {
  if (username === admin && (input.disabled || (input.roles && !input.roles.includes('admin')))) {
    throw new InputError(
      'you cannot disable yourself or take away your own admin role; ask another admin',
      'self-lockout',
    );
  }
  const change: UserChange = {
    ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
    ...(input.roles ? { roles: input.roles } : {}),
    ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
  };
  const user = await updateUser(deps.database, username, change);
  if (!user) {
    throw new NotFoundError(`no user ${username}`);
  }
  deps.logger.info({ user: user._id, changed: Object.keys(input), by: admin }, 'user changed');
  return userView(user);
}

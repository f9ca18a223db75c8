// Users, for admins: list, create, change roles or password, disable.
import express, { Router } from 'express';
import { UserRecord, newUserSchema, userChangeSchema } from '../../../../shared/contracts/user';
import { InputError, NotFoundError } from '../../../../shared/errors/errors';
import { UserChange, insertUser, listUsers, updateUser } from '../../../../shared/store/users.repository';
import { parsed } from '../parse-input';
import type { UploadDeps } from '../upload-deps';
import { mustPrincipal, requirePermission } from './principal';
import { hashPassword } from './secrets';

const userView = (u: UserRecord) => ({
  username: u._id,
  roles: u.roles,
  disabled: u.disabled ?? false,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

export function usersRouter(deps: UploadDeps): Router {
  const router = express.Router();
  const { database } = deps;
  router.use(requirePermission('manage-users'));

  router.get('/', async (_req, res) => {
    res.json({ users: (await listUsers(database)).map(userView) });
  });

  router.post('/', express.json(), async (req, res) => {
    const input = parsed(newUserSchema, req.body, 'user');
    const now = new Date();
    const user: UserRecord = {
      _id: input.username,
      passwordHash: await hashPassword(input.password),
      roles: input.roles,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await insertUser(database, user))) {
      throw new InputError(`the username ${input.username} is taken`, 'username-taken', { username: input.username });
    }
    deps.logger.info({ user: user._id, roles: user.roles, by: mustPrincipal(req, res).username }, 'user created');
    res
      .status(201)
      .location(`/api/users/${encodeURIComponent(user._id)}`)
      .json(userView(user));
  });

  router.patch('/:username', express.json(), async (req, res) => {
    const input = parsed(userChangeSchema, req.body, 'change');
    const admin = mustPrincipal(req, res);
    // An admin cannot lock themselves out: the last way back would be the database by hand.
    if (req.params.username === admin.username && (input.disabled || (input.roles && !input.roles.includes('admin')))) {
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
    const user = await updateUser(database, req.params.username, change);
    if (!user) {
      throw new NotFoundError(`no user ${req.params.username}`);
    }
    deps.logger.info({ user: user._id, changed: Object.keys(input), by: admin.username }, 'user changed');
    res.json(userView(user));
  });

  return router;
}

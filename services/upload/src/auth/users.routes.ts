// Users, for admins: list, create, change roles or password, disable.
import express, { Router } from 'express';
import { newUserSchema, userChangeSchema } from '../../../../shared/contracts/user';
import { parsed } from '../parse-input';
import type { UploadDeps } from '../upload-deps';
import { changeUser, createUser, usersList } from '../use-cases/manage-users';
import { mustPrincipal, requirePermission } from './principal';

export function usersRouter(deps: UploadDeps): Router {
  const router = express.Router();
  router.use(requirePermission('manage-users'));

  router.get('/', async (_req, res) => {
    res.json(await usersList(deps));
  });

  router.post('/', express.json(), async (req, res) => {
    const user = await createUser(deps, parsed(newUserSchema, req.body, 'user'), mustPrincipal(req, res).username);
    res
      .status(201)
      .location(`/api/users/${encodeURIComponent(user.username)}`)
      .json(user);
  });

  router.patch('/:username', express.json(), async (req, res) => {
    const input = parsed(userChangeSchema, req.body, 'change');
    res.json(await changeUser(deps, req.params.username, input, mustPrincipal(req, res).username));
  });

  return router;
}

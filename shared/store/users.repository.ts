// The `users`, `api_keys` and `sessions` collections: who may use the API, and how they proved it. Each record is
// parsed with its schema when read (a broken one is a StoredRecordError, never a user with no roles).
import { z } from 'zod';
import {
  type ApiKeyRecord,
  type SessionRecord,
  type UserRecord,
  apiKeyRecordSchema,
  sessionRecordSchema,
  userRecordSchema,
} from '../contracts/user';
import { checked } from './checked-record';
import { Database, isDuplicateKey } from './database';

const asUser = (record: UserRecord) => checked('users', record, userRecordSchema);
const asApiKey = (record: ApiKeyRecord) => checked('api_keys', record, apiKeyRecordSchema);
const asSession = (record: SessionRecord) => checked('sessions', record, sessionRecordSchema);

export async function findUser(database: Database, username: string): Promise<UserRecord | null> {
  const found = await database.users.findOne({ _id: username });
  return found && asUser(found);
}

export async function listUsers(database: Database): Promise<UserRecord[]> {
  return (await database.users.find({}).sort({ _id: 1 }).toArray()).map(asUser);
}

/** Inserts a user; false if the username is taken. */
export async function insertUser(database: Database, user: UserRecord): Promise<boolean> {
  try {
    await database.users.insertOne(user);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) {
      return false;
    }
    throw error;
  }
}

/** What a change may set on a stored user: the record's own fields, nothing else. */
const userChangeRecordSchema = userRecordSchema
  .pick({ passwordHash: true, roles: true, disabled: true })
  .partial()
  .strict();
export type UserChange = z.infer<typeof userChangeRecordSchema>;

/** Applies a change to a user; the user after it, or null if there is none. The change is checked against the record's
 * schema before anything is written (a ZodError, nothing written, for one that would break it). A changed password or
 * a disabled user ends the user's sessions. */
export async function updateUser(database: Database, username: string, change: UserChange): Promise<UserRecord | null> {
  const fields = userChangeRecordSchema.parse(change);
  const user = await database.users.findOneAndUpdate(
    { _id: username },
    { $set: { ...fields, updatedAt: new Date() } },
    { returnDocument: 'after' },
  );
  if (user && (fields.passwordHash || fields.disabled)) {
    await database.sessions.deleteMany({ userId: username });
  }
  return user && asUser(user);
}

export async function insertApiKey(database: Database, key: ApiKeyRecord): Promise<void> {
  await database.apiKeys.insertOne(key);
}

export async function findApiKeyByHash(database: Database, hash: string): Promise<ApiKeyRecord | null> {
  const found = await database.apiKeys.findOne({ hash });
  return found && asApiKey(found);
}

export async function listApiKeys(database: Database, userId: string): Promise<ApiKeyRecord[]> {
  return (await database.apiKeys.find({ userId }).sort({ createdAt: 1 }).toArray()).map(asApiKey);
}

/** Deletes one of a user's keys; false if the user has no such key. */
export async function deleteApiKey(database: Database, userId: string, keyId: string): Promise<boolean> {
  return (await database.apiKeys.deleteOne({ _id: keyId, userId })).deletedCount === 1;
}

/** Stores a new session, clearing the expired ones on the way (FerretDB 1.x has no TTL indexes to do it). */
export async function insertSession(database: Database, session: SessionRecord): Promise<void> {
  await database.sessions.deleteMany({ expiresAt: { $lt: new Date() } });
  await database.sessions.insertOne(session);
}

/** The session whose token hashes to `id`, if it has not expired. */
export async function findLiveSession(database: Database, id: string): Promise<SessionRecord | null> {
  const found = await database.sessions.findOne({ _id: id, expiresAt: { $gt: new Date() } });
  return found && asSession(found);
}

export async function deleteSession(database: Database, id: string): Promise<void> {
  await database.sessions.deleteOne({ _id: id });
}

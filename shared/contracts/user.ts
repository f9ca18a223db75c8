// People and machines that use the API: users with roles, their sessions (browser) and API keys (machines).
import { z } from 'zod';

/** archivist: upload and see documents; reviewer: review fields; reader: read reports; admin: everything, users. */
export const roleSchema = z.enum(['archivist', 'reviewer', 'reader', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** What an endpoint needs; each is granted by the roles listed in ROLES_FOR (admin is granted all). */
export type Permission = 'upload' | 'read' | 'review' | 'manage-users';

const ROLES_FOR: Record<Permission, readonly Role[]> = {
  upload: ['archivist'],
  read: ['archivist', 'reviewer', 'reader'],
  review: ['reviewer'],
  'manage-users': [],
};

export function allows(roles: readonly Role[], permission: Permission): boolean {
  return roles.includes('admin') || roles.some((r) => ROLES_FOR[permission].includes(r));
}

export const usernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'use letters, digits and . _ @ - only');
// NIST SP 800-63B: at least 8 characters, long passphrases allowed; 10 here since the accounts can change reports.
// bcrypt reads only the first 72 bytes, so longer passwords are refused rather than silently cut.
export const passwordSchema = z
  .string()
  .min(10, 'use at least 10 characters')
  .refine((p) => Buffer.byteLength(p) <= 72, 'use at most 72 bytes (bcrypt reads no further)');

export const loginInputSchema = z.object({ username: z.string().max(200), password: z.string().max(200) });
export const newUserSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  roles: z.array(roleSchema).min(1),
});
export const userChangeSchema = z
  .object({
    password: passwordSchema.optional(),
    roles: z.array(roleSchema).min(1).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'give password, roles or disabled');
export const newKeySchema = z.object({ name: z.string().trim().min(1).max(100) });

// Stored records, parsed with these when read (users.repository.ts).
export const userRecordSchema = z.object({
  /** The username. */
  _id: z.string(),
  passwordHash: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type UserRecord = z.infer<typeof userRecordSchema>;

/** An API key; only the SHA-256 of the key is stored, the key itself is shown once. */
export const apiKeyRecordSchema = z.object({
  _id: z.string(),
  userId: z.string(),
  name: z.string(),
  hash: z.string(),
  createdAt: z.date(),
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>;

/** A browser session; `_id` is the SHA-256 of the cookie's token, `csrfToken` must come back on every change. */
export const sessionRecordSchema = z.object({
  _id: z.string(),
  userId: z.string(),
  csrfToken: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

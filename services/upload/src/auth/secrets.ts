// Passwords (bcrypt) and random tokens (API keys, session cookies, CSRF tokens), which are stored only as hashes.
import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

// bcrypt's own default and OWASP's floor for bcrypt: about 0.1 s a hash on one core here, paid at each login or
// Basic-authenticated request (machines should use API keys, checked by one SHA-256).
const BCRYPT_COST = 10;

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, BCRYPT_COST);
export const passwordMatches = (password: string, hash: string): Promise<boolean> => bcrypt.compare(password, hash);

/** 32 random bytes, URL-safe: beyond guessing, so one SHA-256 is enough to store it (no slow hash needed). */
export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

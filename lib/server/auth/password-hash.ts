// How passwords are hashed and checked: pure (no server-only import), so that the account scripts
// (scripts/user-create.ts, scripts/user-set-password.ts) store exactly the hashes the sign-in checks.
import bcrypt from "bcryptjs";
import { BCRYPT_COST } from "./password-policy";

// bcryptjs: pure JavaScript, so nothing native to build or download on an offline machine.

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

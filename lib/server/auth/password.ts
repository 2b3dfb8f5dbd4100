import "server-only";
import bcrypt from "bcryptjs";
import { BCRYPT_COST } from "./password-policy";

// bcryptjs: pure JavaScript, so nothing native to build or download on an offline machine.

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

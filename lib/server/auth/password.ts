import "server-only";
import bcrypt from "bcryptjs";

// bcryptjs: pure JavaScript, so nothing native to build or download on an offline machine.
const COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

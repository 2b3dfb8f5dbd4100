import "server-only";
import { randomInt } from "node:crypto";
import { checkPasswordPolicy } from "./password-policy";

// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand
// (no 0/O, 1/l/I), so a one-time password passed on by telephone arrives intact.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
/** 16 characters of 56: about 93 bits, far beyond guessing within the sign-in lockout. */
const LENGTH = 16;

/** A one-time password for an account, shown once to the administrator; it meets the password policy. */
export function initialPassword(email: string): string {
  for (;;) {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
    // Groups of four, easier to read out; the dashes count towards the length, not the strength.
    const password = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
    if (checkPasswordPolicy(password, email).ok) return password;
  }
}

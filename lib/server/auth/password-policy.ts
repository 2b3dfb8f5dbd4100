// The password policy: pure, with no server-only import, so scripts (scripts/user-set-password.ts)
// apply exactly the same rules as the sign-in check in production mode.

export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt reads only the first 72 bytes of a password: longer ones would be silently truncated. */
export const MAX_PASSWORD_BYTES = 72;
/** The bcrypt cost every stored hash uses (lib/server/auth/password.ts and the scripts). */
export const BCRYPT_COST = 10;

/**
 * Known-weak passwords, the demo one first. Compared case-insensitively and ignoring spaces,
 * dashes, underscores and dots, so "Demo_Password" and "pass word 123" are refused too.
 */
export const WEAK_PASSWORDS: readonly string[] = [
  "demo-password",
  "password",
  "password1",
  "password12",
  "password123",
  "password1234",
  "passw0rd",
  "p@ssw0rd",
  "p@ssword",
  "12345678",
  "123456789",
  "1234567890",
  "12345678910",
  "123456789012",
  "1234567890123",
  "111111111111",
  "000000000000",
  "123123123123",
  "qwertyuiop",
  "qwerty123456",
  "qwertyuiop123",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "abc123456789",
  "abcdefghijkl",
  "iloveyou1234",
  "letmein12345",
  "welcome12345",
  "admin",
  "admin123",
  "admin1234567",
  "administrator",
  "changeme",
  "changeme1234",
  "secret",
  "secret123456",
  "a1b2c3d4e5f6",
  "zaq12wsxcde3",
  "88888888",
  "888888888888",
  "66666666",
  "666666666666",
  "woaini1314",
  "woaini520520",
  "coalmine",
  "coalmine1234",
  "grading",
  "grading12345",
];

export type PasswordProblem = "tooShort" | "tooLong" | "containsEmail" | "weak";

export type PolicyResult = { ok: true } | { ok: false; problems: PasswordProblem[] };

function squash(s: string): string {
  return s.toLowerCase().replace(/[\s._-]+/g, "");
}

const WEAK = new Set(WEAK_PASSWORDS.map(squash));

/** Length in characters (code points, so one Chinese character is one). */
function length(s: string): number {
  return [...s].length;
}

/** Checks a password against the policy; `email` is the account's, for the local-part rule. */
export function checkPasswordPolicy(password: string, email: string): PolicyResult {
  const problems: PasswordProblem[] = [];
  if (length(password) < MIN_PASSWORD_LENGTH) problems.push("tooShort");
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) problems.push("tooLong");
  const local = email.trim().toLowerCase().split("@")[0] ?? "";
  const squashed = squash(password);
  // A local part of one or two characters ("a@x.cn") would forbid nearly everything: skip those.
  if (local.length >= 3 && (password.toLowerCase().includes(local) || squashed.includes(squash(local))))
    problems.push("containsEmail");
  if (WEAK.has(squashed)) problems.push("weak");
  return problems.length ? { ok: false, problems } : { ok: true };
}

/** English explanations, for scripts (the portal translates the problem codes itself). */
export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  tooShort: `shorter than ${MIN_PASSWORD_LENGTH} characters`,
  tooLong: `longer than ${MAX_PASSWORD_BYTES} bytes (bcrypt ignores the rest)`,
  containsEmail: "contains the email address's name",
  weak: "a known weak or demo password",
};

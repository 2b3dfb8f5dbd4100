// What the account scripts (user-create.ts, user-set-password.ts) share: reading a new password
// without echoing it, and turning it into the hash the sign-in checks, under the password policy
// (lib/server/auth/password-policy.ts) that applies demo or not.
import { hashPassword } from "../../lib/server/auth/password-hash";
import { checkPasswordPolicy, PASSWORD_PROBLEM_TEXT } from "../../lib/server/auth/password-policy";

/** A refusal the operator can act on: printed as it is, exit status 1. */
export class ScriptError extends Error {}

/** The new password: the environment variable NEW_PASSWORD, else the first line of standard input (no echo on a terminal). */
export async function readNewPassword(): Promise<string> {
  if (process.env.NEW_PASSWORD !== undefined) return process.env.NEW_PASSWORD;
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write("New password: ");
    stdin.setRawMode(true);
  }
  return new Promise((resolve, reject) => {
    let input = "";
    const done = (value: string) => {
      if (stdin.isTTY) {
        stdin.setRawMode(false);
        process.stderr.write("\n");
      }
      stdin.pause();
      resolve(value);
    };
    stdin.setEncoding("utf8");
    stdin.on("data", (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\u0003") return reject(new ScriptError("Cancelled."));
        if (ch === "\n" || ch === "\r") return done(input);
        if (stdin.isTTY && (ch === "\u007f" || ch === "\b")) input = [...input].slice(0, -1).join("");
        else input += ch;
      }
    });
    stdin.on("end", () => done(input));
    stdin.on("error", reject);
  });
}

/** The bcrypt hash of a password the policy accepts for this email; a refusal says every problem. */
export async function hashAllowedPassword(password: string, email: string): Promise<string> {
  const policy = checkPasswordPolicy(password, email);
  if (!policy.ok)
    throw new ScriptError(`Password refused: ${policy.problems.map((p) => PASSWORD_PROBLEM_TEXT[p]).join("; ")}.`);
  return hashPassword(password);
}

/** Runs a script's main: an error is its message on stderr and a non-zero exit status (1 unless statusOf says). */
export function runScript(main: () => Promise<void>, statusOf: (e: unknown) => number = () => 1): void {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(statusOf(e));
  });
}

// Temporary sign-in lockout, derived from the recorded attempts alone (no job, no lock table):
// a pure function of the attempts and the time, so every server process reaches the same answer.

export interface LoginAttemptRecord {
  at: Date;
  success: boolean;
}

export interface LockoutRule {
  /** Failures within `windowMs` of each other that lock. */
  maxFailures: number;
  windowMs: number;
  /** How long the lock lasts after the failure that triggered it. */
  lockMs: number;
  /** Whether a successful sign-in clears the failures before it. */
  resetOnSuccess: boolean;
}

const MINUTE = 60 * 1000;

/** Per account (the email as typed, known or not): 5 failures within 15 minutes lock it for 15 minutes. */
export const ACCOUNT_LOCKOUT: LockoutRule = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
  resetOnSuccess: true,
};

/**
 * Per address: 30 failures within 15 minutes lock it for 15 minutes. One user's success does not
 * clear it (an attacker behind the address could otherwise reset it with an account of their own).
 */
export const ADDRESS_LOCKOUT: LockoutRule = {
  maxFailures: 30,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
  resetOnSuccess: false,
};

/** How far back the attempts are read: enough for the window and the lock, twice over. */
export const LOCKOUT_HISTORY_MS = 2 * (15 * MINUTE + 15 * MINUTE);

/**
 * Until when the key (an account or an address) is locked at `now`, or null when it is not.
 *
 * Attempts are replayed in time order. Once `maxFailures` failures fall within `windowMs` of each
 * other, the key is locked until `lockMs` after the last of them. Attempts made while locked are
 * refused and recorded, but they neither count towards a new lock nor extend the current one, so
 * the time shown to the user holds. Attempts after `now` are ignored.
 */
export function lockedUntil(attempts: readonly LoginAttemptRecord[], now: Date, rule: LockoutRule): Date | null {
  const at = now.getTime();
  const ordered = attempts.filter((a) => a.at.getTime() <= at).sort((a, b) => a.at.getTime() - b.at.getTime());
  let until = Number.NEGATIVE_INFINITY;
  let failures: number[] = [];
  for (const attempt of ordered) {
    const t = attempt.at.getTime();
    if (t < until) continue;
    if (attempt.success) {
      if (rule.resetOnSuccess) failures = [];
      continue;
    }
    failures = failures.filter((f) => t - f < rule.windowMs);
    failures.push(t);
    if (failures.length >= rule.maxFailures) {
      until = t + rule.lockMs;
      failures = [];
    }
  }
  return at < until ? new Date(until) : null;
}

export type Lockout = { scope: "account" | "address"; until: Date };

/** The lock that applies to a sign-in: the later of the account's and the address's, if any. */
export function loginLockout(
  byAccount: readonly LoginAttemptRecord[],
  byAddress: readonly LoginAttemptRecord[] | null,
  now: Date,
): Lockout | null {
  const account = lockedUntil(byAccount, now, ACCOUNT_LOCKOUT);
  const address = byAddress ? lockedUntil(byAddress, now, ADDRESS_LOCKOUT) : null;
  if (account && (!address || account >= address)) return { scope: "account", until: account };
  if (address) return { scope: "address", until: address };
  return null;
}

/** Whole minutes until the lock ends, rounded up (at least 1 while locked). */
export function minutesRemaining(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
}

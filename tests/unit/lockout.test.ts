import { describe, expect, it } from "vitest";
import {
  ACCOUNT_LOCKOUT,
  ADDRESS_LOCKOUT,
  lockedUntil,
  loginLockout,
  minutesRemaining,
  type LoginAttemptRecord,
} from "@/lib/server/auth/lockout";
import {
  ABSOLUTE_LIFETIME_S,
  IDLE_TIMEOUT_S,
  LAST_SEEN_RESOLUTION_S,
  sessionState,
  touched,
} from "@/lib/server/auth/session-policy";

const T0 = Date.parse("2026-03-01T08:00:00Z");
const MIN = 60_000;
const at = (ms: number) => new Date(T0 + ms);
const fail = (ms: number): LoginAttemptRecord => ({ at: at(ms), success: false });
const ok = (ms: number): LoginAttemptRecord => ({ at: at(ms), success: true });
const failures = (n: number, everyMs: number, startMs = 0) =>
  Array.from({ length: n }, (_, i) => fail(startMs + i * everyMs));

describe("account lockout", () => {
  it("locks on the 5th failure within 15 minutes, until 15 minutes after it", () => {
    const five = failures(5, MIN);
    expect(lockedUntil(failures(4, MIN), at(5 * MIN), ACCOUNT_LOCKOUT)).toBeNull();
    expect(lockedUntil(five, at(4 * MIN), ACCOUNT_LOCKOUT)).toEqual(at(19 * MIN));
    expect(lockedUntil(five, at(19 * MIN - 1), ACCOUNT_LOCKOUT)).toEqual(at(19 * MIN));
    expect(lockedUntil(five, at(19 * MIN), ACCOUNT_LOCKOUT)).toBeNull();
  });

  it("counts failures only when they fall within 15 minutes of each other", () => {
    // first to fifth: 15 min - 1 ms apart → locks; exactly 15 min apart → the first has dropped out
    const inside = [fail(0), fail(MIN), fail(2 * MIN), fail(3 * MIN), fail(15 * MIN - 1)];
    expect(lockedUntil(inside, at(15 * MIN), ACCOUNT_LOCKOUT)).toEqual(at(30 * MIN - 1));
    const outside = [fail(0), fail(MIN), fail(2 * MIN), fail(3 * MIN), fail(15 * MIN)];
    expect(lockedUntil(outside, at(15 * MIN), ACCOUNT_LOCKOUT)).toBeNull();
    // failures spread out, 4 minutes apart: never 5 in 15 minutes
    expect(lockedUntil(failures(20, 4 * MIN), at(80 * MIN), ACCOUNT_LOCKOUT)).toBeNull();
  });

  it("does not extend the lock for attempts refused while locked", () => {
    const attempts = [...failures(5, 1000), ...failures(10, MIN, 2 * MIN)];
    expect(lockedUntil(attempts, at(10 * MIN), ACCOUNT_LOCKOUT)).toEqual(at(4000 + 15 * MIN));
    // the refused attempts do not start a new lock once it ends
    expect(lockedUntil(attempts, at(4000 + 15 * MIN), ACCOUNT_LOCKOUT)).toBeNull();
  });

  it("locks again after it ends on 5 new failures", () => {
    const attempts = [...failures(5, 1000), ...failures(5, 1000, 20 * MIN)];
    expect(lockedUntil(attempts, at(21 * MIN), ACCOUNT_LOCKOUT)).toEqual(at(20 * MIN + 4000 + 15 * MIN));
  });

  it("is cleared by a successful sign-in before the lock", () => {
    const attempts = [...failures(4, 1000), ok(5000), fail(6000)];
    expect(lockedUntil(attempts, at(7000), ACCOUNT_LOCKOUT)).toBeNull();
    expect(lockedUntil([...attempts, ...failures(4, 1000, 7000)], at(MIN), ACCOUNT_LOCKOUT)).toEqual(
      at(10_000 + 15 * MIN),
    );
  });

  it("ignores attempts after now and does not depend on their order", () => {
    const five = failures(5, 1000);
    expect(lockedUntil([...five].reverse(), at(5000), ACCOUNT_LOCKOUT)).toEqual(at(4000 + 15 * MIN));
    expect(lockedUntil(five, at(3999), ACCOUNT_LOCKOUT)).toBeNull();
  });
});

describe("address lockout", () => {
  it("locks on the 30th failure within 15 minutes, and a success does not clear it", () => {
    expect(lockedUntil(failures(29, 1000), at(MIN), ADDRESS_LOCKOUT)).toBeNull();
    expect(lockedUntil(failures(30, 1000), at(MIN), ADDRESS_LOCKOUT)).toEqual(at(29_000 + 15 * MIN));
    const withSuccess = [...failures(15, 1000), ok(15_500), ...failures(15, 1000, 16_000)];
    expect(lockedUntil(withSuccess, at(MIN), ADDRESS_LOCKOUT)).toEqual(at(30_000 + 15 * MIN));
  });

  it("combines with the account lock: the later one applies", () => {
    const account = failures(5, 1000);
    const address = failures(30, 1000, 10_000);
    expect(loginLockout(account, null, at(MIN))).toEqual({ scope: "account", until: at(4000 + 15 * MIN) });
    expect(loginLockout(account, address, at(MIN))).toEqual({ scope: "address", until: at(39_000 + 15 * MIN) });
    expect(loginLockout([], address, at(MIN))).toEqual({ scope: "address", until: at(39_000 + 15 * MIN) });
    expect(loginLockout([], [], at(MIN))).toBeNull();
  });

  it("reports the minutes left, rounded up", () => {
    expect(minutesRemaining(at(15 * MIN), at(0))).toBe(15);
    expect(minutesRemaining(at(15 * MIN), at(1))).toBe(15);
    expect(minutesRemaining(at(15 * MIN), at(14 * MIN))).toBe(1);
    expect(minutesRemaining(at(15 * MIN), at(15 * MIN - 1))).toBe(1);
  });
});

describe("session lifetime", () => {
  const s = 1_780_000_000;
  it("is active until 30 minutes without activity", () => {
    expect(IDLE_TIMEOUT_S).toBe(30 * 60);
    expect(sessionState({ signedInAt: s, lastSeen: s }, s + IDLE_TIMEOUT_S - 1)).toBe("active");
    expect(sessionState({ signedInAt: s, lastSeen: s }, s + IDLE_TIMEOUT_S)).toBe("idle");
  });

  it("ends 12 hours after signing in however active", () => {
    expect(ABSOLUTE_LIFETIME_S).toBe(12 * 3600);
    const end = s + ABSOLUTE_LIFETIME_S;
    expect(sessionState({ signedInAt: s, lastSeen: end - 2 }, end - 1)).toBe("active");
    expect(sessionState({ signedInAt: s, lastSeen: end - 1 }, end)).toBe("expired");
  });

  it("refuses tokens without the claims or with claims in the future", () => {
    expect(sessionState({}, s)).toBe("invalid");
    expect(sessionState({ signedInAt: s }, s)).toBe("invalid");
    expect(sessionState({ signedInAt: String(s), lastSeen: s }, s)).toBe("invalid");
    expect(sessionState({ signedInAt: s + 3600, lastSeen: s + 3600 }, s)).toBe("invalid");
    expect(sessionState({ signedInAt: s, lastSeen: s - 1 }, s)).toBe("invalid");
  });

  it("refreshes lastSeen at most once a minute and never signedInAt", () => {
    const claims = { signedInAt: s, lastSeen: s, uid: 3 };
    expect(touched(claims, s + LAST_SEEN_RESOLUTION_S - 1)).toBe(claims);
    expect(touched(claims, s + LAST_SEEN_RESOLUTION_S)).toEqual({ signedInAt: s, lastSeen: s + 60, uid: 3 });
  });
});

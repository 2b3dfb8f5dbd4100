import { describe, expect, it } from "vitest";
import { initialPassword } from "@/lib/server/auth/initial-password";
import { checkPasswordPolicy } from "@/lib/server/auth/password-policy";

describe("one-time passwords", () => {
  it("meet the password policy, are unambiguous to read out, and are never the same twice", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const email = i % 2 ? "abcd@example.test" : "x@example.test";
      const p = initialPassword(email);
      expect(checkPasswordPolicy(p, email)).toEqual({ ok: true });
      expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){3}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });
});

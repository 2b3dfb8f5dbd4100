import { describe, expect, it } from "vitest";
import {
  checkPasswordPolicy,
  MAX_PASSWORD_BYTES,
  MIN_PASSWORD_LENGTH,
  WEAK_PASSWORDS,
} from "@/lib/server/auth/password-policy";

const problems = (password: string, email = "someone@example.cn") => {
  const r = checkPasswordPolicy(password, email);
  return r.ok ? [] : r.problems;
};

describe("password policy", () => {
  it("accepts a long, unrelated passphrase", () => {
    expect(checkPasswordPolicy("granite-lantern-orchard-47", "shanxi@demo.test")).toEqual({ ok: true });
  });

  it("needs at least 12 characters, counted as characters (not bytes)", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(problems("x7#kQ9!mZ2a")).toEqual(["tooShort"]); // 11
    expect(problems("x7#kQ9!mZ2ab")).toEqual([]); // 12
    expect(problems("煤矿安全标准化考核定级密码")).toEqual([]); // 13 characters, 39 bytes
    expect(problems("煤矿安全标准化考核定级")).toEqual(["tooShort"]); // 11 characters
  });

  it("allows at most 72 bytes, bcrypt's limit", () => {
    expect(MAX_PASSWORD_BYTES).toBe(72);
    expect(problems("k".repeat(36) + "Q".repeat(36))).toEqual([]); // 72 bytes
    expect(problems("k".repeat(36) + "Q".repeat(37))).toEqual(["tooLong"]); // 73
    expect(problems("矿".repeat(24))).toEqual([]); // 72 bytes in UTF-8
    expect(problems("矿".repeat(24) + "a")).toEqual(["tooLong"]); // 73 bytes, 25 characters
  });

  it("refuses the email's local part, alone or inside", () => {
    expect(problems("zhangwei.lin", "zhangwei.lin@mine.cn")).toContain("containsEmail");
    expect(problems("my-ZhangWei.Lin-2026", "zhangwei.lin@mine.cn")).toContain("containsEmail");
    expect(problems("zhang_wei_lin_2026", "zhangwei.lin@mine.cn")).toContain("containsEmail");
    expect(problems("granite-lantern-orchard", "zhangwei.lin@mine.cn")).toEqual([]);
    // a one- or two-letter local part would forbid nearly every password: not applied
    expect(problems("granite-lantern-orchard", "or@mine.cn")).toEqual([]);
  });

  it("refuses the demo password and known weak ones, whatever the case or separators", () => {
    expect(WEAK_PASSWORDS).toContain("demo-password");
    expect(problems("demo-password")).toEqual(["weak"]);
    expect(problems("Demo_Password")).toEqual(["weak"]);
    expect(problems("DEMO PASSWORD")).toEqual(["weak"]);
    expect(problems("password")).toEqual(["tooShort", "weak"]);
    expect(problems("12345678")).toEqual(["tooShort", "weak"]);
    expect(problems("123456789012")).toEqual(["weak"]);
    expect(problems("qwertyuiop123")).toEqual(["weak"]);
    expect(problems("demo-password-2")).toEqual([]);
  });

  it("reports every problem at once", () => {
    expect(problems("admin", "admin@demo.test")).toEqual(["tooShort", "containsEmail", "weak"]);
  });
});

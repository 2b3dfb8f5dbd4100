import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/server/http/client-ip";

describe("clientIp (sign-in lockout and objection limit)", () => {
  it("takes the first X-Forwarded-For entry, trimmed", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1", "x-real-ip": "10.0.0.2" }))).toBe(
      "203.0.113.7",
    );
  });
  it("falls back to X-Real-IP, then to nothing", () => {
    expect(clientIp(new Headers({ "x-real-ip": " 198.51.100.4 " }))).toBe("198.51.100.4");
    expect(clientIp(new Headers({ "x-forwarded-for": " ," }))).toBe("");
    expect(clientIp(new Headers())).toBe("");
    expect(clientIp(undefined)).toBe("");
  });
  it("keeps at most 100 characters of a forged header", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "x".repeat(5000) }))).toHaveLength(100);
  });
});

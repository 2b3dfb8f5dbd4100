// Issue 11, item 24: a deep link survives sign-in, but only to a page of this site.
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/validation/return-path";

describe("the page to return to after signing in", () => {
  it("keeps a same-origin path with its query and fragment", () => {
    expect(safeReturnPath("/mines/1402260001")).toBe("/mines/1402260001");
    expect(safeReturnPath("/mines?q=%E5%A4%A7%E5%90%8C&page=2")).toBe("/mines?q=%E5%A4%A7%E5%90%8C&page=2");
    expect(safeReturnPath("/dashboard?year=2020#share")).toBe("/dashboard?year=2020#share");
    // Dot segments are resolved, and stay on the site.
    expect(safeReturnPath("/mines/../dashboard")).toBe("/dashboard");
    expect(safeReturnPath("/../../etc")).toBe("/etc");
  });

  it.each([
    ["protocol-relative", "//evil.example/mines"],
    ["protocol-relative with more slashes", "///evil.example"],
    ["absolute https", "https://evil.example/"],
    ["absolute http to this host name", "http://127.0.0.1/mines"],
    ["javascript URL", "javascript:alert(1)"],
    ["data URL", "data:text/html,<script>alert(1)</script>"],
    ["backslash read as a slash", "/\\evil.example"],
    ["backslashes only", "\\\\evil.example"],
    ["slash and backslash", "/\\/evil.example"],
    ["tab the browser drops", "/\t/evil.example"],
    ["newline the browser drops", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["NUL", "/mines\u0000"],
    ["no leading slash", "mines/1402260001"],
    ["empty", ""],
    ["the sign-in page (a loop)", "/login?next=/mines"],
    ["the sign-in page itself", "/login"],
    ["an API route", "/api/auth/signout"],
    ["too long", `/${"a".repeat(2048)}`],
  ])("refuses %s", (_what, raw) => {
    expect(safeReturnPath(raw)).toBeNull();
  });

  it("refuses what is not a single string", () => {
    expect(safeReturnPath(undefined)).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath(["/mines", "//evil.example"])).toBeNull();
    expect(safeReturnPath(42)).toBeNull();
  });

  it("keeps paths that only look like the refused ones", () => {
    expect(safeReturnPath("/loginhelp")).toBe("/loginhelp");
    expect(safeReturnPath("/mines/%2F%2Fevil.example")).toBe("/mines/%2F%2Fevil.example");
  });
});

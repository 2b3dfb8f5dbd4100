// The lines `npm start` / `npm run dev` print for the operator (scripts/lib/operator-messages.mjs):
// from the "operator" catalogue, in the terminal locale's language.
import { describe, expect, it } from "vitest";
import { operatorLocale, operatorMessages } from "@/scripts/lib/operator-messages.mjs";

describe("operatorLocale", () => {
  it("reads LC_ALL, then LC_MESSAGES, then LANG", () => {
    expect(operatorLocale({ LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(operatorLocale({ LC_MESSAGES: "zh_CN.UTF-8", LANG: "en_GB.UTF-8" })).toBe("zh-CN");
    expect(operatorLocale({ LC_ALL: "", LANG: "en_GB.UTF-8" })).toBe("en");
  });
  it("speaks Chinese without a locale (unset, C, POSIX), as the portal does by default", () => {
    for (const vars of [{}, { LANG: "C" }, { LANG: "C.UTF-8" }, { LC_ALL: "POSIX" }, { LANG: "zh_TW.UTF-8" }])
      expect(operatorLocale(vars)).toBe("zh-CN");
  });
  it("speaks English to any other language", () => {
    expect(operatorLocale({ LANG: "de_DE.UTF-8" })).toBe("en");
  });
});

describe("operatorMessages", () => {
  it("fills in the placeholders from the catalogue of the locale", () => {
    expect(operatorMessages({ LANG: "en_US.UTF-8" })("portalPortInUse", { port: 3000 })).toMatch(
      /^Port 3000 is already in use: is the portal already running\?/,
    );
    expect(operatorMessages({ LANG: "zh_CN.UTF-8" })("portalPortInUse", { port: 3000 })).toMatch(/^端口 3000 已被占用/);
  });
});

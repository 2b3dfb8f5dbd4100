// Issue 16: the pieces of the service worker that are plain functions: the offline page it answers
// with (both languages, the browser's first) and the camera permission of the field app alone.
import { describe, expect, it } from "vitest";
import { FIELD_PATH } from "@/lib/field/contract";
import { offlinePageHtml } from "@/lib/pwa/offline";
import { permissionsPolicyFor } from "@/lib/server/http/security-headers";

describe("the offline page", () => {
  it("is in Chinese first for a Chinese browser, English below, and leads to the field app", () => {
    const html = offlinePageHtml("zh-CN");
    expect(html).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(html.indexOf('<section lang="zh-CN"><h1>当前无网络</h1>')).toBeLessThan(
      html.indexOf('<section lang="en"><h1>You are offline</h1>'),
    );
    expect(html).toContain(`<a href="${FIELD_PATH}">打开现场抽查</a>`);
    expect(html).not.toMatch(/<script|<link/);
  });

  it("is in English first for any other browser", () => {
    const html = offlinePageHtml("en-US");
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html.indexOf('<section lang="en">')).toBeLessThan(html.indexOf('<section lang="zh-CN">'));
  });
});

describe("Permissions-Policy", () => {
  it("lets the field app use this origin's camera and no other page", () => {
    expect(permissionsPolicyFor(FIELD_PATH, FIELD_PATH)).toBe("camera=(self), microphone=(), geolocation=()");
    for (const path of ["/", "/dashboard", "/field/x", "/fieldwork", "/mines/1402260001"])
      expect(permissionsPolicyFor(path, FIELD_PATH), path).toBe("camera=(), microphone=(), geolocation=()");
  });
});

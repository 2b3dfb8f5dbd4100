// The page the service worker (lib/pwa/sw.ts) answers a navigation with when the network is away
// and the page is not the field shell: it says so and leads to the shell, which works offline. The
// worker has no React and no next-intl, so it is plain HTML from the "offline" catalogues, in the
// browser's language first and the other one below it. No script, no style sheet: it needs nothing.
import { FIELD_PATH, FIELD_SHELL_CACHE } from "@/lib/field/contract";
import en from "@/lib/i18n/messages/en/offline.json";
import zhCN from "@/lib/i18n/messages/zh-CN/offline.json";

/** The caches the worker keeps besides Serwist's precache; activate deletes any other. */
export const SW_CACHES = [FIELD_SHELL_CACHE] as const;

/** The worker's address (app/serwist/[path]/route.ts builds it) and the scope it controls. */
export const SW_URL = "/serwist/sw.js";
export const SW_SCOPE = "/";

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

function section(lang: string, t: typeof en): string {
  return `<section lang="${lang}"><h1>${escape(t.title)}</h1><p>${escape(t.body)}</p><p><a href="${FIELD_PATH}">${escape(t.openField)}</a> · <a href="">${escape(t.retry)}</a></p></section>`;
}

/** The offline page, Chinese first unless the browser's language is not Chinese. */
export function offlinePageHtml(language: string): string {
  const zhFirst = !language || language.toLowerCase().startsWith("zh");
  const parts = zhFirst ? [section("zh-CN", zhCN), section("en", en)] : [section("en", en), section("zh-CN", zhCN)];
  const [title] = zhFirst ? [zhCN.title] : [en.title];
  return `<!doctype html><html lang="${zhFirst ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body>${parts.join("<hr>")}</body></html>`;
}

import type { MetadataRoute } from "next";
import { FIELD_PATH } from "@/lib/field/contract";
import { MESSAGES } from "@/lib/i18n/messages";

// The web app manifest (/manifest.webmanifest), in the portal's default language. Its icons are
// drawn by scripts/icons.mjs; its colours are the header's blue and the page's background. With the
// service worker (lib/pwa/sw.ts) it makes the portal installable; its shortcut opens the field app,
// which works with no network (lib/field/contract.ts FIELD_PATH).
export default function manifest(): MetadataRoute.Manifest {
  const t = MESSAGES["zh-CN"].common;
  const field = MESSAGES["zh-CN"].field;
  return {
    name: t.appName,
    short_name: t.appShortName,
    description: t.appTagline,
    lang: "zh-CN",
    id: "/",
    scope: "/",
    start_url: "/",
    display: "standalone",
    theme_color: "#0f4c81",
    background_color: "#f8fafc",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
    shortcuts: [
      {
        name: field.title,
        short_name: field.title,
        description: field.tagline,
        url: FIELD_PATH,
        icons: [{ src: "/icon-192.png", sizes: "192x192", type: "image/png" }],
      },
    ],
  };
}

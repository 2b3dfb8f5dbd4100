import type { MetadataRoute } from "next";
import { MESSAGES } from "@/lib/i18n/messages";

// The web app manifest (/manifest.webmanifest), in the portal's default language. Its icons are
// drawn by scripts/icons.mjs; its colours are the header's blue and the page's background.
export default function manifest(): MetadataRoute.Manifest {
  const t = MESSAGES["zh-CN"].common;
  return {
    name: t.appName,
    short_name: t.appShortName,
    description: t.appTagline,
    lang: "zh-CN",
    start_url: "/",
    display: "standalone",
    theme_color: "#0f4c81",
    background_color: "#f8fafc",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
}

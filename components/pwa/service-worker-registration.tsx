"use client";

import { useEffect } from "react";
import { SW_SCOPE, SW_URL } from "@/lib/pwa/offline";

// Registers the service worker (lib/pwa/sw.ts) on every page, so that an inspector who opened any
// page of the portal online can open the field app (/field) later with no network. The worker is
// an ES module (esbuild bundles it as one); the browser checks it for a new version on navigations
// without its HTTP cache (updateViaCache "none"), and a new one takes over at once (skipWaiting).
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(SW_URL, { scope: SW_SCOPE, type: "module", updateViaCache: "none" }).catch(() => {
      // No worker (e.g. a browser that refuses it): the portal works as before, only not offline.
    });
  }, []);
  return null;
}

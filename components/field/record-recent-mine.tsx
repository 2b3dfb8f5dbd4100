"use client";

import { useEffect } from "react";

/**
 * Remembers, on this device, that the signed-in account viewed a mine, so that the field pack offers it
 * offline (issue 16.1). It renders nothing and never holds the page up: the store (and idb) load on
 * their own when the browser is idle, and a failure (no IndexedDB, a private window) is ignored.
 */
export function RecordRecentMine({ userId, code }: { userId: number; code: string }) {
  useEffect(() => {
    const record = () => {
      import("@/lib/field/store").then((store) => store.recordRecentMine(userId, code)).catch(() => undefined);
    };
    if ("requestIdleCallback" in window) {
      const id = window.requestIdleCallback(record, { timeout: 5_000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = setTimeout(record, 500);
    return () => clearTimeout(id);
  }, [userId, code]);
  return null;
}

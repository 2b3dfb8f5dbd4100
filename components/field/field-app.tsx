"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { FIELD_API, FIELD_PATH, MAX_RECENT_MINES, type FieldMine, type FieldPack } from "@/lib/field/contract";
import { ruleVersionIn } from "@/lib/domain/rule-version-on";
import * as store from "@/lib/field/store";
import { retryDelay, syncDrafts, type SyncOutcome } from "@/lib/field/sync";
import { DraftEditor } from "./draft-editor";
import { FieldHome } from "./field-home";

/** Who the app works for: the pack's user online, the last pack's user offline. */
export type Account =
  | { status: "loading" }
  | { status: "signedOut" }
  | { status: "noAccess" }
  | { status: "noPack" }
  | { status: "ready"; userId: number; pack: FieldPack; fresh: boolean };

/** The draft the address names (?draft=KEY): the shell is one page, its state lives in the query. */
function draftInAddress(): string | null {
  return new URLSearchParams(window.location.search).get("draft");
}

/** The address changes without a request (history.pushState): this event tells the app. */
const NAVIGATE = "field-navigate";

function onAddressChange(notify: () => void) {
  window.addEventListener("popstate", notify);
  window.addEventListener(NAVIGATE, notify);
  return () => {
    window.removeEventListener("popstate", notify);
    window.removeEventListener(NAVIGATE, notify);
  };
}

function onConnectionChange(notify: () => void) {
  window.addEventListener("online", notify);
  window.addEventListener("offline", notify);
  return () => {
    window.removeEventListener("online", notify);
    window.removeEventListener("offline", notify);
  };
}

/** A mine the address names (?mine=CODE, the mine page's "record offline"): shown first. */
function mineInAddress(): string | null {
  return new URLSearchParams(window.location.search).get("mine");
}

/** Asks the server for this account's field pack, naming the mines it viewed lately. */
async function fetchPack(recent: string[]): Promise<Response> {
  const query = recent.length ? `?recent=${encodeURIComponent(recent.slice(0, MAX_RECENT_MINES).join(","))}` : "";
  return fetch(`${FIELD_API.pack}${query}`, { cache: "no-store", credentials: "same-origin" });
}

/**
 * The field app (issue 16): the list of mines and drafts, or one draft (?draft=KEY). Everything it
 * shows comes from the field pack API and IndexedDB, never from the page's HTML, which the service
 * worker keeps for every account alike.
 */
export function FieldApp() {
  const t = useTranslations("field");
  const [account, setAccount] = useState<Account>({ status: "loading" });
  const online = useSyncExternalStore(
    onConnectionChange,
    () => navigator.onLine,
    () => true,
  );
  const draftKey = useSyncExternalStore(onAddressChange, draftInAddress, () => null);
  const focusMine = useSyncExternalStore(onAddressChange, mineInAddress, () => null);
  const [drafts, setDrafts] = useState<store.Draft[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [outcome, setOutcome] = useState<SyncOutcome | null>(null);
  const [syncRuns, setSyncRuns] = useState(0);
  const failures = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const userRef = useRef<number | null>(null);
  const again = useRef<() => void>(() => undefined);

  const refreshDrafts = useCallback(async () => {
    const userId = userRef.current;
    setDrafts(userId === null ? [] : await store.listDrafts(userId));
  }, []);

  const sync = useCallback(async () => {
    const userId = userRef.current;
    if (userId === null || !navigator.onLine) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setSyncing(true);
    let result: SyncOutcome;
    try {
      result = await syncDrafts(userId);
    } finally {
      setSyncing(false);
    }
    setOutcome(result.busy ? null : result);
    setSyncRuns((n) => n + 1);
    await refreshDrafts();
    if (result.signedOut) setAccount({ status: "signedOut" });
    if (result.retry || result.busy) {
      failures.current += 1;
      timer.current = setTimeout(() => again.current(), retryDelay(failures.current));
    } else {
      failures.current = 0;
    }
  }, [refreshDrafts]);

  const load = useCallback(async () => {
    const last = await store.lastUserId();
    let next: Account | null = null;
    if (navigator.onLine) {
      try {
        let res = await fetchPack(last === null ? [] : await store.recentMines(last));
        if (res.ok) {
          let pack = (await res.json()) as FieldPack;
          // Another account signed in on this device: ask again with its own recently viewed mines.
          if (pack.user.id !== last) {
            const recent = await store.recentMines(pack.user.id);
            if (recent.length) {
              res = await fetchPack(recent);
              if (res.ok) pack = (await res.json()) as FieldPack;
            }
          }
          await store.savePack(pack);
          next = { status: "ready", userId: pack.user.id, pack, fresh: true };
        } else if (res.status === 401) {
          next = { status: "signedOut" };
        } else if (res.status === 404 || res.status === 403) {
          next = { status: "noAccess" };
        }
      } catch {
        // No network after all: work from what this device holds.
      }
    }
    if (!next) {
      const pack = last === null ? undefined : await store.getPack(last);
      next = pack && last !== null ? { status: "ready", userId: last, pack, fresh: false } : { status: "noPack" };
    }
    userRef.current = next.status === "ready" ? next.userId : null;
    setAccount(next);
    await refreshDrafts();
    if (next.status === "ready") await sync();
  }, [refreshDrafts, sync]);

  useEffect(() => {
    again.current = () => void sync();
  }, [sync]);

  useEffect(() => {
    const goOnline = () => {
      failures.current = 0;
      void load();
    };
    window.addEventListener("online", goOnline);
    const first = setTimeout(() => void load());
    return () => {
      window.removeEventListener("online", goOnline);
      clearTimeout(first);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load]);

  const open = useCallback(
    (key: string | null) => {
      // The address changes without a request: the shell stays the page, offline too.
      window.history.pushState(null, "", key ? `${FIELD_PATH}?draft=${encodeURIComponent(key)}` : FIELD_PATH);
      window.dispatchEvent(new Event(NAVIGATE));
      if (!key) void refreshDrafts();
    },
    [refreshDrafts],
  );

  const startDraft = useCallback(
    async (mine: FieldMine) => {
      if (account.status !== "ready") return;
      const { pack } = account;
      const draft = await store.createDraft({
        userId: account.userId,
        mineCode: mine.code,
        mine: { name: mine.name, nameEn: mine.nameEn, type: mine.type },
        basis: {
          gradeId: mine.grade?.id ?? null,
          gradeLevel: mine.grade?.level ?? null,
          ruleVersionCode: ruleVersionIn(pack.today, pack.ruleSets).code,
          jurisdiction: pack.user.jurisdiction,
        },
        today: pack.today,
      });
      open(draft.key);
    },
    [account, open],
  );

  if (account.status === "loading") return <p className="mt-4 text-slate-600">{t("loading")}</p>;

  return (
    <div className="mt-3 space-y-4" data-testid="field-app" data-account={account.status}>
      <StatusLine online={online} syncing={syncing} outcome={outcome} />
      {account.status === "signedOut" && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="field-signed-out">
          {t("signedOut")}{" "}
          <a
            href={`/login?next=${encodeURIComponent(FIELD_PATH)}`}
            className="text-brand-700 inline-flex min-h-11 items-center font-medium underline"
          >
            {t("signIn")}
          </a>
        </p>
      )}
      {account.status === "noAccess" && <p className="text-sm">{t("noAccess")}</p>}
      {account.status === "noPack" && <p className="text-sm">{t("noPack")}</p>}
      {account.status === "ready" &&
        (draftKey ? (
          <DraftEditor
            key={draftKey}
            userId={account.userId}
            pack={account.pack}
            draftKey={draftKey}
            syncRuns={syncRuns}
            onBack={() => open(null)}
            onQueued={() => void sync()}
          />
        ) : (
          <FieldHome
            pack={account.pack}
            fresh={account.fresh}
            focusMine={focusMine}
            drafts={drafts}
            online={online}
            syncing={syncing}
            onNew={(m) => void startDraft(m)}
            onOpen={(key) => open(key)}
            onSendNow={() => void sync()}
            onChanged={() => void refreshDrafts()}
            onQueued={() => void sync()}
          />
        ))}
    </div>
  );
}

function StatusLine({ online, syncing, outcome }: { online: boolean; syncing: boolean; outcome: SyncOutcome | null }) {
  const t = useTranslations("field");
  return (
    <div aria-live="polite" className="space-y-1 text-sm" data-testid="field-status" data-online={online}>
      <p className={online ? "text-green-800" : "font-medium text-amber-800"}>
        <span aria-hidden="true">{online ? "● " : "○ "}</span>
        {online ? t("online") : t("offline")}
        {syncing && <span className="ml-2 text-slate-600">{t("syncing")}</span>}
      </p>
      {outcome && !syncing && (
        <p className="text-slate-700" data-testid="sync-outcome">
          {outcome.signedOut
            ? t("lastSync.signedOut")
            : outcome.retry
              ? t("lastSync.retry")
              : outcome.recorded > 0
                ? t("lastSync.recorded", { count: outcome.recorded })
                : null}
        </p>
      )}
    </div>
  );
}

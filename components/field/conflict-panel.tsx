"use client";

import { useTranslations } from "next-intl";
import type { SyncChange, SyncResponse } from "@/lib/field/contract";
import * as store from "@/lib/field/store";
import { levelLabels } from "@/lib/i18n/format";
import { primaryTouch, secondaryTouch } from "./buttons";

/**
 * What changed on the server since the draft began (the grade in force, the rule version, the
 * inspector's jurisdiction), with the inspector's choice: record it anyway (the submission goes again
 * with confirm; not offered when the server says it cannot be confirmed) or discard the draft.
 */
export function ConflictPanel({
  draft,
  answer,
  onDone,
  onQueued,
}: {
  draft: store.Draft;
  answer: Extract<SyncResponse, { status: "conflict" }>;
  /** The draft was discarded or queued again. */
  onDone: () => void;
  onQueued: () => void;
}) {
  const t = useTranslations("field.conflict");
  const { level } = levelLabels(useTranslations("grade"));
  const describe = (c: SyncChange) => {
    switch (c.kind) {
      case "grade":
        return t("grade", { was: level(c.was?.level), now: level(c.now?.level) });
      case "ruleVersion":
        return t("ruleVersion", { was: c.was, now: c.now ?? t("none") });
      case "jurisdiction":
        return t("jurisdiction", { was: c.was || t("nationwide"), now: c.now || t("nationwide") });
    }
  };
  return (
    <div
      role="alert"
      className="space-y-2 rounded border border-amber-400 bg-amber-50 p-3 text-sm"
      data-testid="conflict"
    >
      <p className="font-semibold">{t("title")}</p>
      <p>{t("intro")}</p>
      <ul className="list-disc pl-5" data-testid="conflict-changes">
        {answer.changes.map((c, i) => (
          <li key={i} data-kind={c.kind}>
            {describe(c)}
          </li>
        ))}
      </ul>
      {!answer.confirmable && <p>{t("notConfirmable")}</p>}
      <div className="flex flex-wrap gap-2">
        {answer.confirmable && (
          <button
            type="button"
            className={primaryTouch}
            data-testid="record-anyway"
            onClick={async () => {
              await store.updateDraft(draft.userId, draft.key, (d) => ({ ...d, state: "sending", confirm: true }));
              onDone();
              onQueued();
            }}
          >
            {t("recordAnyway")}
          </button>
        )}
        <button
          type="button"
          className={secondaryTouch}
          data-testid="discard"
          onClick={async () => {
            if (!window.confirm(t("confirmDiscard"))) return;
            await store.deleteDraft(draft.userId, draft.key);
            onDone();
          }}
        >
          {t("discard")}
        </button>
      </div>
    </div>
  );
}

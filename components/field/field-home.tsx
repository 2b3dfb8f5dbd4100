"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { FieldMine, FieldPack } from "@/lib/field/contract";
import type { Draft } from "@/lib/field/store";
import { displayFormat } from "@/lib/i18n/format";
import { pickName } from "@/lib/i18n/pick";
import { primaryTouch, secondaryTouch } from "./buttons";
import { ConflictPanel } from "./conflict-panel";
import { StateBadge } from "./state-badge";

/** A path inside the portal (the server's link to a recorded spot-check), never another origin's. */
function isLocalPath(url: string): boolean {
  return url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
}

/** The field app's home: the mines available offline, the unsent drafts and the last sent ones. */
export function FieldHome({
  pack,
  fresh,
  focusMine,
  drafts,
  online,
  syncing,
  onNew,
  onOpen,
  onSendNow,
  onChanged,
  onQueued,
}: {
  pack: FieldPack;
  fresh: boolean;
  /** The mine the address names: listed first and marked. */
  focusMine: string | null;
  drafts: Draft[];
  online: boolean;
  syncing: boolean;
  onNew: (mine: FieldMine) => void;
  onOpen: (key: string) => void;
  onSendNow: () => void;
  onChanged: () => void;
  onQueued: () => void;
}) {
  const t = useTranslations("field");
  const f = displayFormat(useFormatter(), useTranslations("grade"));
  const locale = useLocale();
  const unsent = drafts.filter((d) => d.state !== "sent");
  const sent = drafts.filter((d) => d.state === "sent").slice(0, 10);
  const rank = (m: FieldMine) => (m.code === focusMine ? 0 : m.reason === "assigned" ? 1 : 2);
  const mines = [...pack.mines].sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600" data-testid="field-account">
        {t("account", { name: pack.user.name })} · {t("packFrom", { time: f.dateTime(new Date(pack.generatedAt)) })}
        {!fresh && " ⟳"}
      </p>

      <section aria-labelledby="field-unsent" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="field-unsent" className="text-lg font-semibold">
            {t("unsent")} ({unsent.length})
          </h2>
          <button
            type="button"
            className={secondaryTouch}
            disabled={!online || syncing || unsent.every((d) => d.state !== "sending")}
            onClick={onSendNow}
            data-testid="send-now"
          >
            {t("sendNow")}
          </button>
        </div>
        {unsent.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noUnsent")}</p>
        ) : (
          <ul className="space-y-2" data-testid="unsent-list">
            {unsent.map((d) => (
              <li
                key={d.key}
                className="space-y-2 rounded-lg bg-white p-3 shadow-sm"
                data-testid="unsent-draft"
                data-key={d.key}
                data-state={d.state}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="min-w-0 break-words">
                    {t("draftOf", { mine: pickName(locale, d.mine.name, d.mine.nameEn), date: f.date(d.checkedOn) })}
                  </span>
                  <StateBadge state={d.state} />
                </div>
                {d.state === "conflict" && d.lastAnswer?.status === "conflict" && (
                  <ConflictPanel draft={d} answer={d.lastAnswer} onDone={onChanged} onQueued={onQueued} />
                )}
                <button type="button" className={secondaryTouch} onClick={() => onOpen(d.key)}>
                  {t("open")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="field-mines" className="space-y-2">
        <h2 id="field-mines" className="text-lg font-semibold">
          {t("mines")}
        </h2>
        {mines.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noMines")}</p>
        ) : (
          <ul className="space-y-2">
            {mines.map((m) => (
              <li
                key={m.code}
                className={`flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-3 shadow-sm ${m.code === focusMine ? "ring-brand-700 ring-2" : ""}`}
                data-testid="field-mine"
                data-code={m.code}
              >
                <div className="min-w-0">
                  <p className="font-medium break-words">{pickName(locale, m.name, m.nameEn)}</p>
                  <p className="font-mono text-xs text-slate-600">{m.code}</p>
                  <p className="text-xs text-slate-700">
                    {t("mineGrade", { level: f.level(m.grade?.level), version: m.ruleVersionCode })} ·{" "}
                    {t(`reason.${m.reason}`)}
                  </p>
                </div>
                <button type="button" className={primaryTouch} onClick={() => onNew(m)} data-testid="new-spot-check">
                  {t("newSpotCheck")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      {sent.length > 0 && (
        <section aria-labelledby="field-sent" className="space-y-2">
          <h2 id="field-sent" className="text-lg font-semibold">
            {t("sent")}
          </h2>
          <ul className="space-y-1 text-sm" data-testid="sent-list">
            {sent.map((d) => (
              <li key={d.key} data-testid="sent-draft" data-key={d.key} className="flex flex-wrap gap-2">
                <span>
                  {t("draftOf", { mine: pickName(locale, d.mine.name, d.mine.nameEn), date: f.date(d.checkedOn) })}
                </span>
                {d.sent && isLocalPath(d.sent.url) && (
                  <a href={d.sent.url} className="text-brand-700 underline">
                    {t("openRecord")}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

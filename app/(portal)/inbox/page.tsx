import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import {
  isInboxKind,
  isOverdue,
  MANAGER_KINDS,
  RECENT_DAYS,
  REGULATOR_KINDS,
  type InboxKind,
} from "@/lib/domain/inbox";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { requireCaller } from "@/lib/server/auth/session";
import { requestInbox, type InboxItem } from "@/lib/server/data/inbox";

export async function generateMetadata() {
  const t = await getTranslations("inbox");
  return { title: t("title") };
}

/**
 * What waits for the signed-in user (lib/server/data/inbox.ts), grouped by kind, each group sorted by
 * deadline and then by how long it has waited; `?kind=` shows one kind. Every item links to the page
 * where the user acts; that page and its action check the permission again.
 */
export default async function InboxPage({ searchParams }: { searchParams: Promise<{ kind?: string | string[] }> }) {
  const caller = await requireCaller();
  const { kind: rawKind } = await searchParams;
  const [inbox, t, te, f, locale] = await Promise.all([
    requestInbox(caller),
    getTranslations("inbox"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const kinds: readonly InboxKind[] =
    inbox.audience === "manager" ? MANAGER_KINDS : inbox.audience === "regulator" ? REGULATOR_KINDS : [];
  const selected = isInboxKind(rawKind) && kinds.includes(rawKind) ? rawKind : null;
  const shown = selected ? [selected] : kinds;
  const byKind = (k: InboxKind) => inbox.items.filter((i) => i.kind === k);

  const sentence = (i: InboxItem) => {
    const v = i.values;
    const mine = pickName(locale, i.mine.name, i.mine.nameEn);
    const level = (n: string | number | undefined) => f.level(Number(n) || null);
    const values = {
      mine,
      level: level(v.level),
      appliedLevel: level(v.appliedLevel),
      change: f.levelChange(Number(v.fromLevel), Number(v.toLevel) || null),
      reason: typeof v.reason === "string" ? te(`decisionReason.${v.reason}` as never) : "",
      element: String(v.element ?? ""),
      checkedOn: f.date(typeof v.checkedOn === "string" ? v.checkedOn : null),
      effectiveOn: f.date(typeof v.effectiveOn === "string" && v.effectiveOn ? v.effectiveOn : null),
      body: t(`body.${String(v.body ?? "NONE")}` as never),
    };
    return t(`sentence.${i.kind}.${i.variant}` as never, values as never);
  };

  if (inbox.audience === "admin" || inbox.audience === "official")
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="rounded border border-slate-300 bg-white p-4" data-testid="inbox-empty">
          {t(`empty.${inbox.audience}`)}
        </p>
      </div>
    );

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p data-testid="inbox-count" data-count={inbox.total}>
        {t("count", { count: inbox.total })}
      </p>
      <p className="text-sm text-slate-700">
        {inbox.audience === "manager" ? t("managerRules", { days: RECENT_DAYS }) : t("rules", { days: RECENT_DAYS })}
      </p>
      <nav aria-label={t("filter")} className="flex flex-wrap gap-2">
        {[null, ...kinds].map((k) => {
          // Every item listed, information included (the header and the sentence above count what needs action).
          const n = k ? byKind(k).length : inbox.items.length;
          const current = k === selected;
          return (
            <Link
              key={k ?? "all"}
              href={k ? `/inbox?kind=${k}` : "/inbox"}
              aria-current={current ? "page" : undefined}
              data-testid={`inbox-filter-${k ?? "all"}`}
              className={`rounded px-3 py-1 text-sm ${current ? "bg-brand-700 text-white" : "border border-slate-400 hover:bg-slate-100"}`}
            >
              {k ? t(`kinds.${k}`) : t("all")} ({f.count(n)})
            </Link>
          );
        })}
      </nav>
      {inbox.items.length === 0 && (
        <p className="rounded border border-slate-300 bg-white p-4" data-testid="inbox-empty">
          {t(`empty.${inbox.audience}`)}
        </p>
      )}
      {inbox.items.length > 0 &&
        shown.map((k) => {
          const items = byKind(k);
          if (items.length === 0 && !selected) return null;
          return (
            <section key={k} aria-labelledby={`inbox-${k}`} className="space-y-2" data-testid={`inbox-group-${k}`}>
              <h2 id={`inbox-${k}`} className="text-lg font-semibold">
                {t(`kinds.${k}`)} ({f.count(items.length)})
              </h2>
              {items.length === 0 ? (
                <p className="text-sm text-slate-700">{t("empty.kind")}</p>
              ) : (
                <ul className="space-y-2">
                  {items.map((i) => {
                    const overdue = isOverdue(i.deadline, inbox.today);
                    return (
                      <li
                        key={i.key}
                        className={`rounded-lg border bg-white p-3 shadow-sm ${overdue ? "border-red-400" : "border-slate-200"}`}
                        data-testid="inbox-item"
                        data-kind={i.kind}
                        data-key={i.key}
                        data-mine={i.mine.code}
                        data-deadline={i.deadline ?? ""}
                        data-overdue={overdue ? "true" : "false"}
                      >
                        <Link href={i.href} className="text-brand-700 font-medium break-words hover:underline">
                          {sentence(i)}
                        </Link>
                        <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-700">
                          <span className="font-mono text-xs leading-5">{i.mine.code}</span>
                          <span>{t("since", { date: f.date(i.since) })}</span>
                          {i.deadline && (
                            <span
                              className={overdue ? "font-semibold text-red-800" : undefined}
                              data-testid="inbox-deadline"
                            >
                              {overdue
                                ? t("overdue", { date: f.date(i.deadline) })
                                : t("due", { date: f.date(i.deadline) })}
                            </span>
                          )}
                          {!i.actionable && <span className="italic">{t("info")}</span>}
                        </p>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
    </div>
  );
}

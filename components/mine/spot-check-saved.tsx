import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { levelLabels } from "@/lib/i18n/format";

interface FiredProposal {
  id: number;
  type: "DOWNGRADE" | "REVOCATION";
  reason: string;
  fromLevel: number;
  toLevel: number | null;
}

/**
 * Shown once, after a spot-check is saved: the level the engine gave its scores, and the decisions
 * its triggers proposed (or that it proposed none), with the way to the queue where they are decided.
 */
export async function SpotCheckSaved({
  total,
  level,
  proposals,
}: {
  /** The total, formatted. */
  total: string;
  level: number | null;
  proposals: FiredProposal[];
}) {
  const [t, tg, te] = await Promise.all([
    getTranslations("spotCheckForm.saved"),
    getTranslations("grade"),
    getTranslations("enums.decisionReason"),
  ]);
  const { level: levelName } = levelLabels(tg);
  return (
    <div
      role="status"
      data-testid="spot-check-saved"
      className="space-y-1 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900"
    >
      <p className="font-semibold">{t("title")}</p>
      <p data-testid="saved-result">{t("result", { total, level: levelName(level) })}</p>
      {proposals.length === 0 ? (
        <p data-testid="saved-proposals">{t("noProposal")}</p>
      ) : (
        <div data-testid="saved-proposals">
          <p>{t("proposed", { count: proposals.length })}</p>
          <ul className="list-disc pl-5">
            {proposals.map((p) => (
              <li key={p.id}>
                {p.type === "REVOCATION"
                  ? t("revocation", { from: levelName(p.fromLevel), reason: te(p.reason) })
                  : t("downgrade", { from: levelName(p.fromLevel), to: levelName(p.toLevel), reason: te(p.reason) })}
              </li>
            ))}
          </ul>
          <p>
            <Link href="/decisions" className="text-brand-700 underline">
              {t("queue")}
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}

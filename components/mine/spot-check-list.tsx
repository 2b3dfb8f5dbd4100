import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import type { elementNames, MineProfile } from "@/lib/server/data/mines";

type ElementName = Awaited<ReturnType<typeof elementNames>>[number];

/** The mine's completed spot-checks, newest first, each unfolding to its element scores and findings. */
export async function SpotCheckList({
  mine,
  elementNames: names,
}: {
  mine: Pick<MineProfile["mine"], "code" | "type" | "spotChecks">;
  elementNames: ElementName[];
}) {
  const [t, te, tm, f, locale] = await Promise.all([
    getTranslations("profile"),
    getTranslations("enums"),
    getTranslations("managerView"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const elementName = (ruleVersionId: number, elementCode: string) => {
    const e = names.find(
      (n) => n.ruleVersionId === ruleVersionId && n.mineType === mine.type && n.code === elementCode,
    );
    return e ? pickName(locale, e.nameZh, e.nameEn) : elementCode;
  };
  return (
    <Section title={t("spotChecks")}>
      <ul className="space-y-2" data-testid="spot-checks">
        {mine.spotChecks.map((s) => (
          <li key={s.id} className="rounded border border-slate-200 p-3">
            <details>
              <summary className="cursor-pointer">
                <span className="font-medium">{f.date(s.checkedOn)}</span> · {te(`spotCheckType.${s.type}`)} ·{" "}
                {t("totalScore", { score: f.score(Number(s.scoresheet.total)) })} · {te(`conclusion.${s.conclusion}`)}
              </summary>
              <div className="mt-2 space-y-2 text-sm">
                <p>
                  {pickName(locale, s.authority.nameZh, s.authority.nameEn)} · {t("team")}: {s.team} ·{" "}
                  {t("majorHiddenDangers")}: {f.count(s._count.hiddenDangers)}
                </p>
                <p>
                  <Link
                    href={`/mines/${encodeURIComponent(mine.code)}/spot-checks/${s.id}`}
                    className="text-brand-700 underline"
                  >
                    {tm("profile.spotCheckDetails")}
                  </Link>
                </p>
                <table className="min-w-full">
                  <caption className="text-left font-medium">{t("elementScores")}</caption>
                  <tbody>
                    {s.scoresheet.scores.map((e) => (
                      <tr key={e.elementCode} className="border-t border-slate-100">
                        <th scope="row" className="py-0.5 pr-3 text-left font-normal">
                          {e.elementCode} {elementName(s.scoresheet.ruleVersionId, e.elementCode)}
                        </th>
                        <td className="py-0.5 text-right">
                          {e.notApplicable || e.score === null ? t("notApplicable") : f.score(Number(e.score))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {s.findings.length > 0 && (
                  <div>
                    <p className="font-medium">{t("findings")}</p>
                    <ul className="list-disc pl-5">
                      {s.findings.map((x) => (
                        <li key={x.id}>
                          [{te(`severity.${x.severity}`)}] {x.elementCode}: {x.text}
                          {x.rectifyBy ? ` — ${t("rectifyBy", { date: f.date(x.rectifyBy) })}` : ""}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
            </details>
          </li>
        ))}
      </ul>
      {mine.spotChecks.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
    </Section>
  );
}

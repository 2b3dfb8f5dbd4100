import { getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { gradeState, lastValidDay } from "@/lib/domain/grade-validity";
import { getDisplayFormat } from "@/lib/i18n/display";
import type { MineProfile } from "@/lib/server/data/mines";
import { ScrollBox } from "@/components/ui/scroll-box";

const TH = "py-1 pr-3";

/** Every grade the mine has held, newest first, with how each ended. */
export async function GradeHistory({ grades, today }: { grades: MineProfile["mine"]["grades"]; today: string }) {
  const [t, te, f] = await Promise.all([getTranslations("profile"), getTranslations("enums"), getDisplayFormat()]);
  return (
    <Section title={t("gradeHistory")}>
      <ScrollBox label={t("gradeHistory")}>
        <table className="min-w-full text-sm" data-testid="grade-history">
          <thead className="text-left">
            <tr>
              {(
                ["level", "announcedOn", "validUntil", "endedOn", "state", "announcementNo", "ruleVersion"] as const
              ).map((k) => (
                <th key={k} scope="col" className={TH}>
                  {t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grades.map((g) => (
              <tr key={g.id} className="border-t border-slate-200">
                <td className={TH}>
                  <GradeBadge level={g.level} />
                </td>
                <td className={TH}>{f.date(g.announcedOn)}</td>
                <td className={TH}>{f.date(lastValidDay(g.validUntil))}</td>
                <td className={TH}>{f.date(g.endedOn)}</td>
                <td className={TH}>
                  {g.endReason ? te(`gradeEnd.${g.endReason}`) : te(`gradeState.${gradeState(g, today)}`)}
                  {g.endedByDecision?.number ? ` (${g.endedByDecision.number})` : ""}
                </td>
                <td className={TH}>{g.announcementNo}</td>
                <td className={TH}>{g.ruleVersion.code}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {grades.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
    </Section>
  );
}

import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import type { MineProfile } from "@/lib/server/data/mines";

/** The register's facts about the mine: enterprise, type, status, capacity and hazard classes. */
export async function MineFacts({ mine }: { mine: MineProfile["mine"] }) {
  const [t, te, f, locale] = await Promise.all([
    getTranslations("profile"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
  ]);
  return (
    <Section title={t("facts")}>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("enterprise")}</dt>
        <dd>{mine.enterprise ? pickName(locale, mine.enterprise.name, mine.enterprise.nameEn) : "—"}</dd>
        <dt className="text-slate-600">{t("type")}</dt>
        <dd>{te(`mineType.${mine.type}`)}</dd>
        <dt className="text-slate-600">{t("status")}</dt>
        <dd>{te(`status.${mine.status}`)}</dd>
        <dt className="text-slate-600">{t("capacity")}</dt>
        <dd>{t("capacityValue", { value: f.count(mine.capacity) })}</dd>
        <dt className="text-slate-600">{t("gasGrade")}</dt>
        <dd>{te(`gasGrade.${mine.gasGrade}`)}</dd>
        <dt className="text-slate-600">{t("hydroType")}</dt>
        <dd>{te(`hydroType.${mine.hydroType}`)}</dd>
        <dt className="text-slate-600">{t("rockBurst")}</dt>
        <dd>{mine.rockBurst ? t("yes") : t("no")}</dd>
        <dt className="text-slate-600">{t("combustionClass")}</dt>
        <dd>{mine.combustionClass}</dd>
      </dl>
    </Section>
  );
}

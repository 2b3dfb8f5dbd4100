import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import type { MineProfile } from "@/lib/server/data/mines";

/** The mine's production-status periods, newest first. */
export async function StatusHistory({ periods }: { periods: MineProfile["mine"]["statusPeriods"] }) {
  const [t, te, f] = await Promise.all([getTranslations("profile"), getTranslations("enums"), getDisplayFormat()]);
  return (
    <Section title={t("statusHistory")}>
      <ul className="space-y-1 text-sm" data-testid="status-history">
        {periods.map((p) => (
          <li key={p.id}>
            {te(`status.${p.status}`)}: {f.date(p.startedOn)} – {p.endedOn ? f.date(p.endedOn) : t("now")}
          </li>
        ))}
      </ul>
    </Section>
  );
}

import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import type { ProductionStatus } from "@/lib/generated/prisma/enums";
import { getDisplayFormat } from "@/lib/i18n/display";

export interface StatusPeriodRow {
  id: number;
  status: ProductionStatus;
  startedOn: Date | string;
  endedOn: Date | string | null;
  reason: string | null;
  documentNo: string | null;
}

/** The mine's production-status periods, newest first, with the reason and document of each change. */
export async function StatusHistory({ periods }: { periods: readonly StatusPeriodRow[] }) {
  const [t, tr, te, f] = await Promise.all([
    getTranslations("profile"),
    getTranslations("mineRegister"),
    getTranslations("enums"),
    getDisplayFormat(),
  ]);
  return (
    <Section title={t("statusHistory")}>
      <ul className="space-y-1 text-sm" data-testid="status-history">
        {periods.map((p) => (
          <li key={p.id}>
            {te(`status.${p.status}`)}: {f.date(p.startedOn)} – {p.endedOn ? f.date(p.endedOn) : t("now")}
            {(p.reason || p.documentNo) && (
              <span className="text-slate-600">
                {" "}
                ({[p.reason, p.documentNo && `${tr("colDocument")} ${p.documentNo}`].filter(Boolean).join("; ")})
              </span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import type { MineProfile } from "@/lib/server/data/mines";

/** The mine's accidents, newest first. */
export async function AccidentList({
  accidents,
  evidence,
}: {
  accidents: MineProfile["mine"]["accidents"];
  /** The files of an accident and, where the reader may add some, the upload form. */
  evidence?: (id: number) => React.ReactNode;
}) {
  const [t, f] = await Promise.all([getTranslations("profile"), getDisplayFormat()]);
  return (
    <Section title={t("accidents")}>
      <ul className="space-y-1 text-sm" data-testid="accidents">
        {accidents.map((a) => (
          <li key={a.id}>
            {f.date(a.occurredOn)} · {t("deaths", { count: a.deaths })} · {a.description}
            {evidence && <div className="mt-1 mb-2 space-y-2">{evidence(a.id)}</div>}
          </li>
        ))}
      </ul>
      {accidents.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
    </Section>
  );
}

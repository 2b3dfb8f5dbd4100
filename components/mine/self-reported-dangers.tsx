import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import type { SelfReportedDanger } from "@/lib/server/data/hidden-dangers";
import { ScrollBox } from "@/components/ui/scroll-box";

/**
 * The major hidden dangers the mine reported itself, newest first, each with its date, text and
 * whether it is rectified; and the self-report form where the page offers it (the mine's manager).
 */
export async function SelfReportedDangers({
  dangers,
  form,
  evidence,
}: {
  dangers: SelfReportedDanger[];
  form: React.ReactNode;
  /** The files of a danger and, where the reader may add some, the upload form. */
  evidence?: (id: number) => React.ReactNode;
}) {
  const [t, tev, f] = await Promise.all([
    getTranslations("profile.selfReported"),
    getTranslations("events"),
    getDisplayFormat(),
  ]);
  return (
    <Section title={t("title")}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{t("intro")}</p>
        {dangers.length > 0 ? (
          <ScrollBox label={t("title")}>
            <table className="min-w-full text-sm" data-testid="self-reported-dangers">
              <thead className="text-left">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    {t("foundOn")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("description")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("status")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dangers.map((d) => (
                  <tr
                    key={d.id}
                    className="border-t border-slate-200 align-top"
                    data-testid="self-reported-danger"
                    data-status={d.rectifiedOn ? "RECTIFIED" : "OPEN"}
                  >
                    <td className="py-1 pr-3 whitespace-nowrap">{f.date(d.foundOn)}</td>
                    <td className="py-1 pr-3">
                      <p className="whitespace-pre-wrap">{d.description}</p>
                      {evidence && <div className="mt-1 space-y-2">{evidence(d.id)}</div>}
                    </td>
                    <td className="py-1 pr-3">
                      {d.rectifiedOn ? t("rectified", { date: f.date(d.rectifiedOn) }) : t("open")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        ) : (
          <p className="text-sm text-slate-600" data-testid="self-reported-dangers-none">
            {t("none")}
          </p>
        )}
        {form && (
          <div className="border-t border-slate-200 pt-3">
            <h3 className="mb-2 font-medium">{tev("selfReportTitle")}</h3>
            {form}
          </div>
        )}
      </div>
    </Section>
  );
}

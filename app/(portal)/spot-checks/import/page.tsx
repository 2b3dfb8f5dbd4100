import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/forms/import-form";
import { Section } from "@/components/ui/section";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { MAX_DATA_ROWS, MAX_IMPORT_MB } from "@/lib/validation/import-limits";
import { importSpotChecksAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("importForm");
  return { title: t("title") };
}

export default async function ImportSpotChecksPage() {
  const caller = await requireCaller();
  if (!can(caller.role, "spotCheck.record")) notFound();
  const t = await getTranslations("importForm");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <Section title={t("templateHeading")}>
        <p className="mb-3 max-w-3xl text-sm text-slate-700">{t("templateHint")}</p>
        <ul className="flex flex-wrap gap-4 text-sm">
          {(["xlsx", "csv"] as const).map((format) => (
            <li key={format}>
              {/* A plain link: the template is a file download from a route handler, not a page. */}
              <a
                href={`/spot-checks/import/template?format=${format}`}
                download
                className="text-brand-700 underline hover:no-underline"
              >
                {format === "xlsx" ? t("templateXlsx") : t("templateCsv")}
              </a>
            </li>
          ))}
        </ul>
      </Section>
      <ImportForm action={importSpotChecksAction} maxMb={MAX_IMPORT_MB} maxRows={MAX_DATA_ROWS} />
    </div>
  );
}

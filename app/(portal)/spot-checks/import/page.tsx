import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/forms/import-form";
import { ImportPage } from "@/components/forms/import-page";
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
  const templates = [
    { href: "/spot-checks/import/template?format=xlsx", label: t("templateXlsx") },
    { href: "/spot-checks/import/template?format=csv", label: t("templateCsv") },
  ];
  return (
    <ImportPage
      title={t("title")}
      intro={t("intro")}
      templateHeading={t("templateHeading")}
      templateHint={t("templateHint")}
      templates={templates}
    >
      <ImportForm action={importSpotChecksAction} maxMb={MAX_IMPORT_MB} maxRows={MAX_DATA_ROWS} />
    </ImportPage>
  );
}

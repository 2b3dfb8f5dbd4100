import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/forms/import-form";
import { ImportPage } from "@/components/forms/import-page";
import { REGISTER_IMPORT_KINDS } from "@/lib/import/register-rows";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { MAX_DATA_ROWS, MAX_IMPORT_MB } from "@/lib/validation/import-limits";
import { importRegisterAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("mineRegister.import");
  return { title: t("title") };
}

export default async function ImportRegisterPage() {
  const caller = await requireCaller();
  if (!can(caller.role, "mine.register")) notFound();
  const t = await getTranslations("mineRegister.import");
  const templates = REGISTER_IMPORT_KINDS.flatMap((kind) =>
    (["xlsx", "csv"] as const).map((format) => ({
      href: `/mines/import/template?kind=${kind}&format=${format}`,
      label: t(`template_${kind}_${format}`),
    })),
  );
  return (
    <ImportPage
      title={t("title")}
      intro={t("intro")}
      templateHeading={t("templateHeading")}
      templateHint={t("templateHint")}
      templates={templates}
    >
      <ImportForm action={importRegisterAction} maxMb={MAX_IMPORT_MB} maxRows={MAX_DATA_ROWS}>
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium">{t("kindLabel")}</legend>
          {REGISTER_IMPORT_KINDS.map((kind, i) => (
            <label key={kind} className="mr-4 inline-flex items-center gap-1">
              <input type="radio" name="kind" value={kind} defaultChecked={i === 0} />
              {t(`kind_${kind}`)}
            </label>
          ))}
        </fieldset>
      </ImportForm>
    </ImportPage>
  );
}

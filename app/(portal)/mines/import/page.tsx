import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/forms/import-form";
import { Section } from "@/components/ui/section";
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
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <Section title={t("templateHeading")}>
        <p className="mb-3 max-w-3xl text-sm text-slate-700">{t("templateHint")}</p>
        <ul className="flex flex-wrap gap-4 text-sm">
          {REGISTER_IMPORT_KINDS.flatMap((kind) =>
            (["xlsx", "csv"] as const).map((format) => (
              <li key={`${kind}-${format}`}>
                {/* A plain link: the template is a file download from a route handler, not a page. */}
                <a
                  href={`/mines/import/template?kind=${kind}&format=${format}`}
                  download
                  className="text-brand-700 underline hover:no-underline"
                >
                  {t(`template_${kind}_${format}`)}
                </a>
              </li>
            )),
          )}
        </ul>
      </Section>
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
    </div>
  );
}

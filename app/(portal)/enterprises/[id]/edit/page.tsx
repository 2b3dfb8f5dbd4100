import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EnterpriseForm } from "@/components/forms/enterprise-form";
import { Section } from "@/components/ui/section";
import { pickName } from "@/lib/i18n/pick";
import { requireCaller } from "@/lib/server/auth/session";
import { getEnterpriseForEdit } from "@/lib/server/data/register";
import { editEnterpriseAction } from "./actions";

type Params = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export default async function EditEnterprisePage({ params, searchParams }: Params) {
  const caller = await requireCaller();
  const { id } = await params;
  const enterprise = /^\d{1,10}$/.test(id) ? await getEnterpriseForEdit(caller, Number(id)) : null;
  if (!enterprise) notFound();
  const [t, locale, { saved }] = await Promise.all([
    getTranslations("mineRegister.enterprises"),
    getLocale(),
    searchParams,
  ]);
  const values = {
    enterpriseId: String(enterprise.id),
    version: String(enterprise.version),
    name: enterprise.name,
    nameEn: enterprise.nameEn ?? "",
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {t("editTitle")}: {pickName(locale, enterprise.name, enterprise.nameEn)}
      </h1>
      {saved && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t("saved")}
        </p>
      )}
      <EnterpriseForm action={editEnterpriseAction} values={values} />
      <Section title={t("mines")}>
        {enterprise.mines.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noMines")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {enterprise.mines.map((m) => (
              <li key={m.code}>
                <Link href={`/mines/${encodeURIComponent(m.code)}`} className="text-brand-700 underline">
                  {m.code} {pickName(locale, m.name, m.nameEn)}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-xs text-slate-600">{t("moveHint")}</p>
      </Section>
    </div>
  );
}

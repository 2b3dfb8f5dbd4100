import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthorityForm } from "@/components/admin/authority-form";
import { AuthorityKind } from "@/lib/generated/prisma/enums";
import { requireCaller } from "@/lib/server/auth/session";
import { adminAreas } from "@/lib/server/data/admin-access";
import { regionsUnder } from "@/lib/server/data/regions";
import { createAuthorityAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("admin.authorities");
  return { title: t("new") };
}

export default async function NewAuthorityPage() {
  const caller = await requireCaller();
  if (!adminAreas(caller).authorities) notFound();
  const [t, regions] = await Promise.all([getTranslations("admin.authorities"), regionsUnder("")]);
  return (
    <div className="space-y-4">
      <Link href="/admin/authorities" className="text-brand-700 text-sm underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <AuthorityForm action={createAuthorityAction} kinds={Object.values(AuthorityKind)} regions={regions} />
    </div>
  );
}

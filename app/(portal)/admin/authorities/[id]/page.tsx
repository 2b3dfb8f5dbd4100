import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthorityForm } from "@/components/admin/authority-form";
import { AuthorityKind } from "@/lib/generated/prisma/enums";
import { requireCaller } from "@/lib/server/auth/session";
import { authorityForAdmin } from "@/lib/server/data/authorities";
import { regionsUnder } from "@/lib/server/data/regions";
import { updateAuthorityAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("admin.authorities");
  return { title: t("editTitle") };
}

export default async function AuthorityPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requireCaller();
  const { id } = await params;
  const authority = /^\d{1,10}$/.test(id) ? await authorityForAdmin(caller, Number(id)) : null;
  if (!authority) notFound();
  const [t, regions] = await Promise.all([getTranslations("admin.authorities"), regionsUnder("")]);
  return (
    <div className="space-y-4">
      <Link href="/admin/authorities" className="text-brand-700 text-sm underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("editTitle")}</h1>
      <AuthorityForm
        action={updateAuthorityAction}
        kinds={Object.values(AuthorityKind)}
        regions={regions}
        authority={authority}
      />
    </div>
  );
}

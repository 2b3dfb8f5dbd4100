import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CreateUserForm } from "@/components/admin/user-form";
import { MANAGED_ROLES } from "@/lib/domain/account-reach";
import { requireCaller } from "@/lib/server/auth/session";
import { adminAreas } from "@/lib/server/data/admin-access";
import { regionsUnder } from "@/lib/server/data/regions";
import { createUserAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("admin.users");
  return { title: t("new") };
}

export default async function NewUserPage() {
  const caller = await requireCaller();
  if (!adminAreas(caller).users) notFound();
  const [t, regions] = await Promise.all([getTranslations("admin.users"), regionsUnder(caller.jurisdiction)]);
  return (
    <div className="space-y-4">
      <Link href="/admin/users" className="text-brand-700 text-sm underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <p className="max-w-2xl text-sm text-slate-700">{t("newIntro")}</p>
      <CreateUserForm
        action={createUserAction}
        roles={MANAGED_ROLES[caller.role]}
        regions={regions}
        fixed={caller.jurisdiction}
      />
    </div>
  );
}

import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RegisterMineForm } from "@/components/forms/mine-form";
import { todayInChina } from "@/lib/domain/dates";
import { requireCaller } from "@/lib/server/auth/session";
import { registerChoices } from "@/lib/server/data/register";
import { mineFormChoices } from "@/lib/server/register/form-choices";
import { registerMineAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("mineRegister");
  return { title: t("newTitle") };
}

export default async function NewMinePage() {
  const caller = await requireCaller();
  const where = await registerChoices(caller);
  if (!where) notFound();
  const [t, choices] = await Promise.all([getTranslations("mineRegister"), mineFormChoices(caller)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("newTitle")}</h1>
      <RegisterMineForm
        action={registerMineAction}
        regions={where.regions}
        nextSequence={where.nextSequence}
        choices={choices}
        today={todayInChina()}
      />
    </div>
  );
}

import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EditMineForm } from "@/components/forms/mine-form";
import { requireCaller } from "@/lib/server/auth/session";
import { getMineForRegister } from "@/lib/server/data/register";
import { mineFormChoices } from "@/lib/server/register/form-choices";
import { editMineAction } from "./actions";

type Params = { params: Promise<{ code: string }> };

export default async function EditMinePage({ params }: Params) {
  const caller = await requireCaller();
  const mine = await getMineForRegister(caller, decodeURIComponent((await params).code));
  if (!mine) notFound();
  const [t, choices] = await Promise.all([getTranslations("mineRegister"), mineFormChoices(caller)]);
  const values = {
    mineCode: mine.code,
    version: String(mine.version),
    name: mine.name,
    nameEn: mine.nameEn ?? "",
    enterpriseId: mine.enterpriseId ? String(mine.enterpriseId) : "",
    type: mine.type,
    capacity: String(mine.capacity),
    gasGrade: mine.gasGrade,
    hydroType: mine.hydroType,
    rockBurst: String(mine.rockBurst),
    combustionClass: mine.combustionClass,
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("editTitle", { code: mine.code })}</h1>
      <EditMineForm action={editMineAction} values={values} choices={choices} />
    </div>
  );
}

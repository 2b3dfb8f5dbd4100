import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatusChangeForm } from "@/components/forms/status-change-form";
import { StatusHistory } from "@/components/mine/status-history";
import { todayInChina } from "@/lib/domain/dates";
import { requireCaller } from "@/lib/server/auth/session";
import { getMineForRegister } from "@/lib/server/data/register";
import { changeStatusAction } from "./actions";

type Params = { params: Promise<{ code: string }>; searchParams: Promise<{ saved?: string }> };

export default async function MineStatusPage({ params, searchParams }: Params) {
  const caller = await requireCaller();
  const mine = await getMineForRegister(caller, decodeURIComponent((await params).code));
  if (!mine) notFound();
  const [t, te, { saved }] = await Promise.all([
    getTranslations("mineRegister"),
    getTranslations("enums"),
    searchParams,
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("statusTitle", { code: mine.code })}</h1>
      {saved === "status" && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t("saved_status")}
        </p>
      )}
      <p data-testid="current-status">{t("currentStatus", { status: te(`status.${mine.status}`) })}</p>
      <p className="max-w-3xl text-sm text-slate-700">{t("changeIntro")}</p>
      <StatusChangeForm action={changeStatusAction} mineCode={mine.code} today={todayInChina()} />
      <StatusHistory periods={mine.statusPeriods} />
    </div>
  );
}

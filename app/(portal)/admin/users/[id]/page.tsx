import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EditUserForm } from "@/components/admin/user-form";
import { LinkMineForm, UserOperation } from "@/components/admin/user-operation";
import { MANAGED_ROLES } from "@/lib/domain/account-reach";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { requireCaller } from "@/lib/server/auth/session";
import { regionsUnder } from "@/lib/server/data/regions";
import { minesToLink, userForAdmin } from "@/lib/server/data/users";
import {
  disableUserAction,
  enableUserAction,
  endSessionsAction,
  liftLockoutAction,
  linkMineAction,
  resetPasswordAction,
  updateUserAction,
} from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("admin.users");
  return { title: t("detailTitle") };
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requireCaller();
  const { id } = await params;
  const user = /^\d{1,10}$/.test(id) ? await userForAdmin(caller, Number(id)) : null;
  if (!user) notFound();
  const [t, tr, locale, f, regions, mines] = await Promise.all([
    getTranslations("admin.users"),
    getTranslations("enums.role"),
    getLocale(),
    getDisplayFormat(),
    regionsUnder(caller.jurisdiction),
    user.role === "MINE_MANAGER" ? minesToLink(caller, user.jurisdiction) : Promise.resolve([]),
  ]);
  const op = { userId: user.id, version: user.version, email: user.email };
  return (
    <div className="space-y-4">
      <Link href="/admin/users" className="text-brand-700 text-sm underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{user.email}</h1>
      <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg bg-white p-4 text-sm shadow-sm">
        <dt className="font-medium">{t("role")}</dt>
        <dd>{tr(user.role)}</dd>
        <dt className="font-medium">{t("jurisdiction")}</dt>
        <dd>{user.jurisdiction || t("national")}</dd>
        <dt className="font-medium">{t("status")}</dt>
        <dd data-testid="user-status">
          {!user.active ? t("disabled") : user.mustChangePassword ? t("pendingPassword") : t("active")}
        </dd>
        <dt className="font-medium">{t("lockout")}</dt>
        <dd data-testid="user-lockout">
          {user.lockedUntil ? t("lockedUntil", { time: f.dateTime(user.lockedUntil) }) : t("notLocked")}
        </dd>
        {user.mine && (
          <>
            <dt className="font-medium">{t("mine")}</dt>
            <dd>
              {pickName(locale, user.mine.name, user.mine.nameEn)} ({user.mine.code})
            </dd>
          </>
        )}
      </dl>
      <section className="max-w-2xl space-y-2">
        <h2 className="text-lg font-semibold">{t("editTitle")}</h2>
        {user.isSelf ? (
          <p className="text-sm text-slate-700">{t("selfNote")}</p>
        ) : (
          <EditUserForm
            action={updateUserAction}
            roles={MANAGED_ROLES[caller.role]}
            regions={regions}
            fixed={caller.jurisdiction}
            user={user}
          />
        )}
      </section>
      {user.role === "MINE_MANAGER" && (
        <section className="max-w-2xl space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <h2 className="text-lg font-semibold">{t("mineTitle")}</h2>
          <LinkMineForm
            action={linkMineAction}
            userId={user.id}
            version={user.version}
            mineId={user.mineId}
            mines={mines}
            locale={locale}
          />
        </section>
      )}
      <section className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("accessTitle")}</h2>
        {!user.isSelf && (
          <>
            <UserOperation action={resetPasswordAction} {...op} label={t("resetPassword")} testId="reset-password" />
            {user.active ? (
              <UserOperation action={disableUserAction} {...op} label={t("disable")} testId="disable-user" danger />
            ) : (
              <UserOperation action={enableUserAction} {...op} label={t("enable")} testId="enable-user" />
            )}
          </>
        )}
        <UserOperation action={liftLockoutAction} {...op} label={t("liftLockout")} testId="lift-lockout" />
        <UserOperation action={endSessionsAction} {...op} label={t("endSessions")} testId="end-sessions" />
      </section>
    </div>
  );
}

import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { InboxBadge } from "@/components/inbox-badge";
import { NotificationBell } from "@/components/notification-bell";
import { SiteHeader, type NavLink } from "@/components/site-header";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { adminAreas } from "@/lib/server/data/admin-access";
import { mayUseApplications } from "@/lib/server/data/applications";
import { inboxCount } from "@/lib/server/data/inbox";
import type { Caller } from "@/lib/server/auth/scope";
import { signOutAction } from "./actions";
import { MAIN_ID } from "@/components/main-id";
import { setLocale } from "@/app/actions";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const caller = await requireCaller();
  const [t, tn] = await Promise.all([getTranslations("enums.role"), getTranslations("common.nav")]);
  // Links mirror the permissions; every page and write checks them again on the server.
  const links: NavLink[] = [{ href: "/mines", label: tn("registry") }];
  if (can(caller.role, "dashboard.read"))
    links.unshift({ href: "/dashboard", label: (await getTranslations("dashboard"))("navLink") });
  if (can(caller.role, "decision.propose")) links.push({ href: "/decisions", label: tn("decisions") });
  if (can(caller.role, "audit.read")) links.push({ href: "/audit", label: tn("audit") });
  if (can(caller.role, "spotCheck.record")) {
    links.push({ href: "/spot-checks/import", label: (await getTranslations("importForm"))("navLink") });
    links.push({ href: "/field", label: tn("field") });
  }
  if (mayUseApplications(caller))
    links.push({ href: "/applications", label: (await getTranslations("applications"))("nav") });
  if (can(caller.role, "calendar.manage")) links.push({ href: "/admin/calendar", label: tn("calendar") });
  const admin = adminAreas(caller);
  if (admin.users || admin.authorities || admin.targets) {
    const ta = await getTranslations("admin.nav");
    if (admin.users) links.push({ href: "/admin/users", label: ta("users") });
    if (admin.authorities) links.push({ href: "/admin/authorities", label: ta("authorities") });
    if (admin.targets) links.push({ href: "/admin/targets", label: ta("targets") });
  }
  if (can(caller.role, "ruleVersion.manage")) links.push({ href: "/admin/rules", label: tn("ruleVersions") });
  if (can(caller.role, "job.run"))
    links.push({ href: "/admin/jobs", label: (await getTranslations("admin.nav"))("jobs") });
  // The header's client components read the root layout's messages; each section below sends its
  // own (its layout, lib/i18n/client-messages.ts), so the dashboard does not carry every form's.
  return (
    <>
      <SiteHeader
        setLocale={setLocale}
        user={{ id: caller.id, name: caller.name, email: caller.email, roleLabel: t(caller.role) }}
        signOut={signOutAction}
        links={links}
        badges={
          // Streamed: the page does not wait for the counts.
          <span className="flex items-center gap-2">
            <Suspense fallback={null}>
              <InboxCount caller={caller} />
            </Suspense>
            <Suspense fallback={null}>
              <NotificationBell caller={caller} />
            </Suspense>
          </span>
        }
      />
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
        {children}
      </main>
    </>
  );
}

/** The inbox's count for the header, cached per reader until a write (lib/server/data/inbox.ts). */
async function InboxCount({ caller }: { caller: Caller }) {
  return <InboxBadge count={await inboxCount(caller)} />;
}

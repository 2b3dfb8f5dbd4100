// Every page and route handler of the portal, as data, for the authorization matrix
// (authorization-pages.spec.ts). Each entry names the file that serves it (the completeness test
// walks app/ and fails on any page.tsx or route.ts missing here), how to build a concrete URL for a
// target mine, the capability it needs (roles.ts, product.md transcribed), how it is scoped, and what
// success and denial look like over HTTP.
//
// Conventions of the portal, as found (and asserted by the matrix):
// - a portal page asked for without a session redirects (307) to /login (requireCaller), with the page asked
//   for as ?next= to come back to after signing in;
// - a portal page the role may not use, or a mine (or child record) outside the caller's scope, is a
//   404 (notFound()): the page does not tell "forbidden" from "absent";
// - route handlers: 401 without a session; without the capability 403 (import template, metrics
//   API) or 404 (dashboard export, like the dashboard page); out of scope 403 for the metrics API
//   (product.md "Interfaces") and 404 for the dashboard export (like the page).
import fs from "node:fs";
import path from "node:path";
import type { Capability, Role } from "./roles";

/** A mine the matrix targets, with the child records its child pages need (looked up at test start). */
export interface MineTarget {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  countyCode: string;
  prefectureCode: string;
  provinceCode: string;
  enterprise: string | null;
  enterpriseEn: string | null;
  /**
   * Issue 12: the codes of every mine of the same enterprise. The register's pages list the
   * enterprises a role sees (those owning a mine in its scope), so an enterprise name identifies an
   * out-of-scope mine only when none of its enterprise's mines is in the role's scope.
   */
  enterpriseMineCodes?: string[];
  /** A completed spot-check of this mine: its id and the free text only its pages show. */
  spotCheck: { id: number; team: string; notes: string | null } | null;
  /** A grading application of this mine, and its state (for the list filter). */
  application: { id: number; state: string } | null;
  /** A decision on this mine, and its status (for the list filter). */
  decision: { id: number; status: string; number: string | null } | null;
  /** Issue 15.4: a confirmed decision of this mine (its letter), and one not confirmed (no letter). */
  confirmedDecision?: { id: number; number: string | null } | null;
  unconfirmedDecisionId?: number | null;
  /** Issue 15.4: the number of an announcement that lists this mine (announced up to today). */
  announcementNo?: string | null;
  /** Issue 15.5: an evidence photo on a finding of `spotCheck`, else on an accident (written by the spec at its start). */
  evidence?: { id: number } | null;
}

/** Fixtures that do not belong to a target mine. */
export interface Globals {
  /** An application under public notice (the public notice page), if the seed has one. */
  noticeId: number | null;
  /** The action of the audit rows the spec writes for the in- and out-of-scope mines. */
  auditAction: string;
  /** The demo mine manager's account: within the reach of every role that manages accounts (issue 12). */
  managerUserId: number;
  /** An authority of the seed (issue 12, administration). */
  authorityId: number;
  /** Issue 12: an enterprise without mines (every register keeper may edit it), written by the spec. */
  enterpriseId: number;
  /** Issue 15.4: a decision that is not confirmed (no letter), for targets that have none of their own. */
  unconfirmedDecisionId?: number | null;
}

/** What a response must look like: a status, and for redirects where to, for files what type. */
export interface Expect {
  status: number;
  location?: RegExp;
  contentType?: RegExp;
}

export type Requirement = Capability | "anyone" | "signedIn";

/**
 * How a URL relates to mines:
 * - "mine": it names one mine (path or child record): out of scope is the scope denial;
 * - "region": it names a region (dashboard scope): a region outside the jurisdiction is the scope denial;
 * - "list": it lists rows of many mines, filtered to the caller's scope: out of scope is still 200,
 *   but the out-of-scope mine's row must not appear (and the in-scope one must, where listed);
 * - "none": nothing about a particular mine (the body must still not show an out-of-scope mine).
 */
export type Scoping = "mine" | "region" | "list" | "none";

export interface Endpoint {
  /** The file that serves it, relative to the repository (for the completeness test). */
  file: string;
  /** The route pattern, and a variant label when one file is tested through several URLs. */
  pattern: string;
  variant?: string;
  requires: Requirement;
  scoping: Scoping;
  /** The response carries data the public may read (announced grades, final decisions, open notices). */
  publicData?: boolean;
  /** The URL for a target mine; null when the target lacks what the URL needs (the case is skipped). */
  url(t: MineTarget, g: Globals): string | null;
  /** Success for a role allowed to use it (a function when it differs by role). */
  allowed: Expect | ((role: Role) => Expect);
  /** Without a session. */
  anonymous: Expect;
  /** Signed in, without the capability. */
  noCapability: Expect;
  /** Signed in with the capability, the mine or region outside the caller's scope ("mine", "region"). */
  outOfScope?: Expect;
  /**
   * For lists: markers of a target's row (searched in the body). For an in-scope target they must
   * appear, for an out-of-scope one they must not.
   */
  rowMarkers?(t: MineTarget): string[];
  /** A URL with the parent mine `parent` and a child record of the other mine `child` (expect 404). */
  childMismatch?(parent: MineTarget, child: MineTarget): string | null;
}

const HTML = /text\/html/;
const CSV = /text\/csv/;
const XLSX = /application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/;
const JSON_TYPE = /application\/json/;
const PDF = /application\/pdf/;
const JPEG = /^image\/jpeg$/;

const page200: Expect = { status: 200, contentType: HTML };
const toLogin: Expect = { status: 307, location: /\/login(\?next=%2F[^&#]*)?$/ };
const notFound: Expect = { status: 404 };
const e = encodeURIComponent;

/** A portal page: signed in, behind requireCaller; a missing capability or an out-of-scope mine is a 404. */
function portalPage(
  file: string,
  pattern: string,
  requires: Requirement,
  scoping: Scoping,
  url: Endpoint["url"],
  more: Partial<Endpoint> = {},
): Endpoint {
  return {
    file: `app/(portal)/${file}`,
    pattern,
    requires,
    scoping,
    url,
    allowed: page200,
    anonymous: toLogin,
    noCapability: notFound,
    outOfScope: scoping === "mine" || scoping === "region" ? notFound : undefined,
    ...more,
  };
}

/** A public page or file: everyone, signed in or not, gets the same. */
function publicEndpoint(file: string, pattern: string, url: Endpoint["url"], allowed: Expect, variant?: string) {
  return {
    file,
    pattern,
    variant,
    requires: "read.public",
    scoping: "none",
    publicData: true,
    url,
    allowed,
    anonymous: allowed,
    noCapability: allowed,
  } satisfies Endpoint;
}

/** An endpoint anyone may call that serves no mine's data (health, the API description, Auth.js's own). */
function openJsonEndpoint(file: string, pattern: string, path: string, variant?: string) {
  const ok = { status: 200, contentType: JSON_TYPE };
  return {
    file,
    pattern,
    variant,
    requires: "anyone",
    scoping: "none",
    url: () => path,
    allowed: ok,
    anonymous: ok,
    noCapability: ok,
  } satisfies Endpoint;
}

/** The role's landing page after sign-in (lib/server/data/home.ts; README "Demo accounts"). */
function homeOf(role: Role): RegExp {
  if (role === "MINE_MANAGER") return /\/mines\/1402260001$/;
  return /\/dashboard$/;
}

export const ENDPOINTS: Endpoint[] = [
  // ---------------------------------------------------------------- (auth), root
  {
    file: "app/(auth)/login/page.tsx",
    pattern: "/login",
    requires: "anyone",
    scoping: "none",
    url: () => "/login",
    // Signed in, the sign-in page sends the user home.
    allowed: (role) => (role === "PUBLIC" ? page200 : { status: 307, location: /\/home$/ }),
    anonymous: page200,
    noCapability: page200,
  },
  {
    file: "app/page.tsx",
    pattern: "/",
    requires: "anyone",
    scoping: "none",
    url: () => "/",
    allowed: page200,
    anonymous: page200,
    noCapability: page200,
  },

  {
    // Issue 16: the field app's offline shell, the same for everyone (its data comes from /api/field/*).
    file: "app/(field)/field/page.tsx",
    pattern: "/field",
    requires: "anyone",
    scoping: "none",
    url: () => "/field",
    allowed: page200,
    anonymous: page200,
    noCapability: page200,
  },
  {
    // Issue 16: the service worker's script (lib/pwa/sw.ts), built with the app; the same for everyone.
    file: "app/serwist/[path]/route.ts",
    pattern: "/serwist/[path]",
    requires: "anyone",
    scoping: "none",
    url: () => "/serwist/sw.js",
    allowed: { status: 200, contentType: /^application\/javascript/ },
    anonymous: { status: 200, contentType: /^application\/javascript/ },
    noCapability: { status: 200, contentType: /^application\/javascript/ },
  },

  // ---------------------------------------------------------------- (portal)
  portalPage("home/page.tsx", "/home", "signedIn", "none", () => "/home", {
    allowed: (role) => ({ status: 307, location: homeOf(role) }),
  }),
  // Issue 15.1: every signed-in role has an inbox, scoped like every read (an out-of-scope mine never shows).
  portalPage("inbox/page.tsx", "/inbox", "signedIn", "none", () => "/inbox"),
  portalPage("inbox/page.tsx", "/inbox", "signedIn", "none", () => "/inbox?kind=gradeEnding", {
    variant: "one kind",
  }),
  // Issue 15: every signed-in user's own notifications and preferences (nothing of any other user's).
  portalPage("notifications/page.tsx", "/notifications", "signedIn", "none", () => "/notifications"),
  portalPage(
    "notifications/preferences/page.tsx",
    "/notifications/preferences",
    "signedIn",
    "none",
    () => "/notifications/preferences",
  ),
  portalPage("mines/page.tsx", "/mines", "read.mine", "list", (t) => `/mines?q=${e(t.code)}`, {
    rowMarkers: (t) => [`/mines/${t.code}"`],
  }),
  portalPage("mines/[code]/page.tsx", "/mines/[code]", "read.mine", "mine", (t) => `/mines/${e(t.code)}`),
  portalPage(
    "mines/[code]/timeline/page.tsx",
    "/mines/[code]/timeline",
    "read.mine",
    "mine",
    (t) => `/mines/${e(t.code)}/timeline`,
  ),
  portalPage(
    "mines/[code]/spot-checks/[id]/page.tsx",
    "/mines/[code]/spot-checks/[id]",
    "read.mine",
    "mine",
    (t) => (t.spotCheck ? `/mines/${e(t.code)}/spot-checks/${t.spotCheck.id}` : null),
    {
      childMismatch: (p, c) => (c.spotCheck ? `/mines/${e(p.code)}/spot-checks/${c.spotCheck.id}` : null),
    },
  ),
  portalPage(
    "mines/[code]/spot-checks/[id]/edit/page.tsx",
    "/mines/[code]/spot-checks/[id]/edit",
    "write.spotCheck",
    "mine",
    (t) => (t.spotCheck ? `/mines/${e(t.code)}/spot-checks/${t.spotCheck.id}/edit` : null),
    {
      childMismatch: (p, c) => (c.spotCheck ? `/mines/${e(p.code)}/spot-checks/${c.spotCheck.id}/edit` : null),
    },
  ),
  portalPage(
    "mines/[code]/spot-checks/new/page.tsx",
    "/mines/[code]/spot-checks/new",
    "write.spotCheck",
    "mine",
    (t) => `/mines/${e(t.code)}/spot-checks/new`,
  ),
  portalPage(
    "mines/[code]/accidents/new/page.tsx",
    "/mines/[code]/accidents/new",
    "write.spotCheck",
    "mine",
    (t) => `/mines/${e(t.code)}/accidents/new`,
  ),
  portalPage(
    "dashboard/page.tsx",
    "/dashboard",
    "read.dashboard",
    "region",
    (t) => `/dashboard?scope=${t.prefectureCode}`,
  ),
  // The @sections slot renders inside the same request as the page; tested through the page's URL.
  portalPage(
    "dashboard/@sections/page.tsx",
    "/dashboard (@sections)",
    "read.dashboard",
    "region",
    (t) => `/dashboard?scope=${t.countyCode}`,
  ),
  portalPage(
    "dashboard/export/[view]/route.ts",
    "/dashboard/export/[view]",
    "read.dashboard",
    "region",
    (t) => `/dashboard/export/regions?format=csv&scope=${t.prefectureCode}`,
    {
      variant: "regions.csv",
      allowed: { status: 200, contentType: CSV },
      anonymous: { status: 401 },
      noCapability: notFound,
    },
  ),
  portalPage(
    "dashboard/export/[view]/route.ts",
    "/dashboard/export/[view]",
    "read.dashboard",
    "region",
    (t) => `/dashboard/export/all?format=xlsx&scope=${t.countyCode}`,
    {
      variant: "all.xlsx",
      allowed: { status: 200, contentType: XLSX },
      anonymous: { status: 401 },
      noCapability: notFound,
    },
  ),
  portalPage(
    "decisions/page.tsx",
    "/decisions",
    "work.decisions",
    "list",
    (t) => `/decisions?status=${t.decision?.status ?? "CONFIRMED"}`,
    { rowMarkers: (t) => [`/mines/${t.code}"`] },
  ),
  portalPage(
    "applications/page.tsx",
    "/applications",
    "read.applications",
    "list",
    (t) => `/applications?state=${t.application?.state ?? ""}`,
    { rowMarkers: (t) => (t.application ? [`/applications/${t.application.id}"`] : []) },
  ),
  portalPage(
    "applications/new/page.tsx",
    "/applications/new",
    "write.selfAssessment",
    "none",
    () => "/applications/new",
  ),
  portalPage("applications/[id]/page.tsx", "/applications/[id]", "read.applications", "mine", (t) =>
    t.application ? `/applications/${t.application.id}` : null,
  ),
  portalPage(
    "spot-checks/import/page.tsx",
    "/spot-checks/import",
    "write.spotCheck",
    "none",
    () => "/spot-checks/import",
  ),
  portalPage(
    "spot-checks/import/template/route.ts",
    "/spot-checks/import/template",
    "write.spotCheck",
    "none",
    () => "/spot-checks/import/template?format=csv",
    { allowed: { status: 200, contentType: CSV }, anonymous: { status: 401 }, noCapability: { status: 403 } },
  ),
  // Issue 15.5: evidence files are read with exactly the permissions of their record (a finding of a
  // completed spot-check, or an accident: every reader of the mine, its manager included). Anything else,
  // signed out included, is a 404 that does not tell an absent file from a forbidden one.
  portalPage(
    "files/[id]/route.ts",
    "/files/[id]",
    "read.mine",
    "mine",
    (t) => (t.evidence ? `/files/${t.evidence.id}` : null),
    // Outside the (portal) group: a route handler needs no layout.
    {
      file: "app/files/[id]/route.ts",
      allowed: { status: 200, contentType: JPEG },
      anonymous: notFound,
      noCapability: notFound,
    },
  ),
  portalPage(
    "files/[id]/thumb/route.ts",
    "/files/[id]/thumb",
    "read.mine",
    "mine",
    (t) => (t.evidence ? `/files/${t.evidence.id}/thumb` : null),
    {
      file: "app/files/[id]/thumb/route.ts",
      allowed: { status: 200, contentType: JPEG },
      anonymous: notFound,
      noCapability: notFound,
    },
  ),
  portalPage("audit/page.tsx", "/audit", "read.audit", "list", (_t, g) => `/audit?action=${e(g.auditAction)}`, {
    // The spec writes one audit row per target mine with the mine's code in entityId.
    rowMarkers: (t) => [`authz-${t.code}<`],
  }),

  portalPage("admin/calendar/page.tsx", "/admin/calendar", "write.calendar", "none", () => "/admin/calendar?year=2026"),
  portalPage("admin/rules/page.tsx", "/admin/rules", "write.ruleVersion", "none", () => "/admin/rules"),
  portalPage("admin/jobs/page.tsx", "/admin/jobs", "run.jobs", "none", () => "/admin/jobs"),
  portalPage(
    "admin/rules/[code]/page.tsx",
    "/admin/rules/[code]",
    "write.ruleVersion",
    "none",
    () => "/admin/rules/2024",
  ),
  // ---------------------------------------------------------------- issue 12: administration
  // The account pages list and open only accounts within the caller's reach (account-reach.ts);
  // the demo manager's account is within every managing role's reach. An account outside it is
  // absent (404): that case is covered by tests/integration/admin-users.test.ts.
  portalPage("admin/users/page.tsx", "/admin/users", "manage.users", "none", () => "/admin/users"),
  portalPage("admin/users/new/page.tsx", "/admin/users/new", "manage.users", "none", () => "/admin/users/new"),
  portalPage(
    "admin/users/[id]/page.tsx",
    "/admin/users/[id]",
    "manage.users",
    "none",
    (_t, g) => `/admin/users/${g.managerUserId}`,
  ),
  {
    file: "app/(auth)/password/page.tsx",
    pattern: "/password",
    requires: "signedIn",
    scoping: "none",
    url: () => "/password",
    allowed: page200,
    anonymous: { status: 307, location: /\/login$/ },
    noCapability: page200,
  },
  portalPage(
    "admin/authorities/page.tsx",
    "/admin/authorities",
    "manage.authorities",
    "none",
    () => "/admin/authorities",
  ),
  portalPage(
    "admin/authorities/new/page.tsx",
    "/admin/authorities/new",
    "manage.authorities",
    "none",
    () => "/admin/authorities/new",
  ),
  portalPage(
    "admin/authorities/[id]/page.tsx",
    "/admin/authorities/[id]",
    "manage.authorities",
    "none",
    (_t, g) => `/admin/authorities/${g.authorityId}`,
  ),
  // A province sees its own targets and the national one; the page names no mine.
  portalPage("admin/targets/page.tsx", "/admin/targets", "manage.targets", "none", () => "/admin/targets"),
  // ---------------------------------------------------------------- end of issue 12 block
  // ---------------------------------------------------------------- issue 12: the mine register
  portalPage("mines/new/page.tsx", "/mines/new", "write.register", "none", () => "/mines/new"),
  portalPage(
    "mines/[code]/edit/page.tsx",
    "/mines/[code]/edit",
    "write.register",
    "mine",
    (t) => `/mines/${e(t.code)}/edit`,
  ),
  portalPage(
    "mines/[code]/status/page.tsx",
    "/mines/[code]/status",
    "write.register",
    "mine",
    (t) => `/mines/${e(t.code)}/status`,
  ),
  portalPage("mines/import/page.tsx", "/mines/import", "write.register", "none", () => "/mines/import"),
  portalPage(
    "mines/import/template/route.ts",
    "/mines/import/template",
    "write.register",
    "none",
    () => "/mines/import/template?kind=mines&format=csv",
    { allowed: { status: 200, contentType: CSV }, anonymous: { status: 401 }, noCapability: { status: 403 } },
  ),
  // Enterprises are not scoped by themselves (their mines are): the list shows every enterprise, with
  // the count of the caller's own mines; an enterprise is the caller's to edit when all its mines are.
  portalPage("enterprises/page.tsx", "/enterprises", "write.register", "none", () => "/enterprises"),
  portalPage(
    "enterprises/[id]/edit/page.tsx",
    "/enterprises/[id]/edit",
    "write.register",
    "none",
    (_t, g) => `/enterprises/${g.enterpriseId}/edit`,
  ),

  // ---------------------------------------------------------------- issue 15.4: official documents
  // A spot-check report is read like the spot-check's page: signed in, the mine in scope, the
  // spot-check of that mine; the PDF route answers 401 without a session and 404 otherwise.
  {
    ...portalPage(
      "mines/[code]/spot-checks/[id]/report/page.tsx",
      "/mines/[code]/spot-checks/[id]/report",
      "read.mine",
      "mine",
      (t) => (t.spotCheck ? `/mines/${e(t.code)}/spot-checks/${t.spotCheck.id}/report` : null),
      {
        childMismatch: (p, c) => (c.spotCheck ? `/mines/${e(p.code)}/spot-checks/${c.spotCheck.id}/report` : null),
      },
    ),
    file: "app/(documents)/mines/[code]/spot-checks/[id]/report/page.tsx",
  },
  {
    ...portalPage(
      "mines/[code]/spot-checks/[id]/report.pdf/route.ts",
      "/mines/[code]/spot-checks/[id]/report.pdf",
      "read.mine",
      "mine",
      (t) => (t.spotCheck ? `/mines/${e(t.code)}/spot-checks/${t.spotCheck.id}/report.pdf` : null),
      {
        allowed: { status: 200, contentType: PDF },
        anonymous: { status: 401 },
        noCapability: notFound,
        childMismatch: (p, c) => (c.spotCheck ? `/mines/${e(p.code)}/spot-checks/${c.spotCheck.id}/report.pdf` : null),
      },
    ),
    file: "app/(documents)/mines/[code]/spot-checks/[id]/report.pdf/route.ts",
  },
  // A decision letter exists for a confirmed decision, and confirmed decisions are public (product.md:
  // the public reads final decisions), so every reader gets it, in scope or not; any other decision
  // has no letter (404 for everyone, the page and the PDF alike).
  publicEndpoint(
    "app/(documents)/decisions/[id]/letter/page.tsx",
    "/decisions/[id]/letter",
    (t) => (t.confirmedDecision ? `/decisions/${t.confirmedDecision.id}/letter` : null),
    page200,
  ),
  publicEndpoint(
    "app/(documents)/decisions/[id]/letter/page.tsx",
    "/decisions/[id]/letter",
    (t, g) => {
      const id = t.unconfirmedDecisionId ?? g.unconfirmedDecisionId;
      return id ? `/decisions/${id}/letter` : null;
    },
    notFound,
    "not confirmed",
  ),
  publicEndpoint(
    "app/(documents)/decisions/[id]/letter.pdf/route.ts",
    "/decisions/[id]/letter.pdf",
    (t) => (t.confirmedDecision ? `/decisions/${t.confirmedDecision.id}/letter.pdf` : null),
    { status: 200, contentType: PDF },
  ),
  publicEndpoint(
    "app/(documents)/decisions/[id]/letter.pdf/route.ts",
    "/decisions/[id]/letter.pdf",
    (t, g) => {
      const id = t.unconfirmedDecisionId ?? g.unconfirmedDecisionId;
      return id ? `/decisions/${id}/letter.pdf` : null;
    },
    notFound,
    "not confirmed",
  ),
  // Announcements are public (announced grades). `<number>.pdf` is rewritten to the route handler
  // [number]/pdf (next.config.ts), which is what the completeness test finds on disk.
  publicEndpoint(
    "app/(documents)/register/announcements/[number]/page.tsx",
    "/register/announcements/[number]",
    (t) => (t.announcementNo ? `/register/announcements/${e(t.announcementNo)}` : null),
    page200,
  ),
  publicEndpoint(
    "app/(documents)/register/announcements/[number]/pdf/route.ts",
    "/register/announcements/[number].pdf",
    (t) => (t.announcementNo ? `/register/announcements/${e(t.announcementNo)}.pdf` : null),
    { status: 200, contentType: PDF },
  ),
  publicEndpoint(
    "app/(documents)/register/announcements/[number]/page.tsx",
    "/register/announcements/[number]",
    (t) => (t.announcementNo ? `/register/announcements/${e(t.announcementNo)}-0` : null),
    notFound,
    "unknown number",
  ),

  // ---------------------------------------------------------------- (public)
  publicEndpoint("app/(public)/register/page.tsx", "/register", (t) => `/register?q=${e(t.code)}`, page200),
  publicEndpoint(
    "app/(public)/register/decisions/page.tsx",
    "/register/decisions",
    (t) => `/register/decisions?q=${e(t.code)}`,
    page200,
  ),
  publicEndpoint(
    "app/(public)/register/mines/[code]/page.tsx",
    "/register/mines/[code]",
    (t) => `/register/mines/${e(t.code)}`,
    page200,
  ),
  publicEndpoint(
    "app/(public)/register/export/grades/route.ts",
    "/register/export/grades",
    (t) => `/register/export/grades?q=${e(t.code)}`,
    { status: 200, contentType: CSV },
  ),
  publicEndpoint(
    "app/(public)/register/export/decisions/route.ts",
    "/register/export/decisions",
    (t) => `/register/export/decisions?q=${e(t.code)}`,
    { status: 200, contentType: CSV },
  ),
  publicEndpoint("app/(public)/notices/page.tsx", "/notices", () => "/notices", page200),
  publicEndpoint(
    "app/(public)/notices/[id]/page.tsx",
    "/notices/[id]",
    (_t, g) => (g.noticeId ? `/notices/${g.noticeId}` : null),
    page200,
  ),
  publicEndpoint("app/(public)/notices/export/route.ts", "/notices/export", () => "/notices/export", {
    status: 200,
    contentType: CSV,
  }),

  // ---------------------------------------------------------------- api
  openJsonEndpoint("app/api/health/route.ts", "/api/health", "/api/health"),
  openJsonEndpoint("app/api/openapi.json/route.ts", "/api/openapi.json", "/api/openapi.json"),
  openJsonEndpoint("app/api/auth/[...nextauth]/route.ts", "/api/auth/[...nextauth]", "/api/auth/session", "session"),
  openJsonEndpoint(
    "app/api/auth/[...nextauth]/route.ts",
    "/api/auth/[...nextauth]",
    "/api/auth/providers",
    "providers",
  ),
  {
    ...publicEndpoint(
      "app/api/public/v1/grades/route.ts",
      "/api/public/v1/grades",
      (t) => `/api/public/v1/grades?q=${e(t.code)}`,
      { status: 200, contentType: JSON_TYPE },
    ),
  },
  {
    // Issue 16: the field pack names the mines in the caller's scope; a mine named in ?recent= that is
    // out of scope is left out without a word (so an out-of-scope target is still 200, its code absent).
    file: "app/api/field/pack/route.ts",
    pattern: "/api/field/pack",
    requires: "write.spotCheck",
    scoping: "list",
    url: (t) => `/api/field/pack?recent=${e(t.code)}`,
    allowed: { status: 200, contentType: JSON_TYPE },
    anonymous: { status: 401, contentType: JSON_TYPE },
    noCapability: { status: 404, contentType: JSON_TYPE },
    rowMarkers: (t) => [`"code":"${t.code}"`],
  },
  {
    // Issue 16: one staged photo's status, bound to the account: nothing staged under these keys for
    // anyone, so a recorder gets 404 too (the writes are proved by field-sync.spec.ts).
    file: "app/api/field/uploads/[key]/[fileKey]/route.ts",
    pattern: "/api/field/uploads/[key]/[fileKey]",
    requires: "write.spotCheck",
    scoping: "none",
    url: () => "/api/field/uploads/00000000-0000-4000-8000-000000000016/00000000-0000-4000-8000-000000000001",
    allowed: { status: 404, contentType: JSON_TYPE },
    anonymous: { status: 401, contentType: JSON_TYPE },
    noCapability: { status: 404, contentType: JSON_TYPE },
  },
  {
    // Issue 16: the submission is POST only (field-sync.spec.ts calls it as every role); a GET is 405.
    file: "app/api/field/spot-checks/route.ts",
    pattern: "/api/field/spot-checks",
    requires: "anyone",
    scoping: "none",
    url: () => "/api/field/spot-checks",
    allowed: { status: 405 },
    anonymous: { status: 405 },
    noCapability: { status: 405 },
  },
  {
    file: "app/api/v1/metrics/route.ts",
    pattern: "/api/v1/metrics",
    requires: "read.dashboard",
    scoping: "region",
    url: (t) => `/api/v1/metrics?scope=${t.prefectureCode}`,
    allowed: { status: 200, contentType: JSON_TYPE },
    anonymous: { status: 401, contentType: JSON_TYPE },
    noCapability: { status: 403, contentType: JSON_TYPE },
    outOfScope: { status: 403, contentType: JSON_TYPE },
  },
];

/** A readable name of an endpoint for failure messages and the summary. */
export function endpointName(ep: Endpoint): string {
  return ep.variant ? `${ep.pattern} [${ep.variant}]` : ep.pattern;
}

/** Every page.tsx and route.ts under app/, relative to the repository root, sorted. */
export function routeFilesOnDisk(root = process.cwd()): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^(page|route)\.(tsx?|jsx?|mdx)$/.test(entry.name))
        found.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(path.join(root, "app"));
  return found.sort();
}

import "server-only";
import {
  APPLICATION_STATES,
  availableActs,
  gradingBody,
  handlingLevel,
  isLevel,
  noticeOpenOn,
  OPEN_STATES,
  type GradingConfig,
} from "@/lib/domain/application-workflow";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import type { Level } from "@/lib/domain/rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { applicationNoticeDays, grantedLevels } from "@/lib/domain/authority-config";
import { authorityConfig } from "@/lib/server/data/grading-config";
import { db as defaultDb, type Db, type DbOrTx } from "@/lib/server/db";
import { inForceOn } from "@/lib/server/grade-in-force";
import { gradeEnd } from "@/lib/domain/grade-validity";
import { directExtensionCheck } from "@/lib/server/data/direct-extension";
import { ruleSetOn } from "@/lib/server/data/rules";

/** Who reviews and grades each level at the province's mines: the national defaults and the province's rows. */
export async function gradingConfigOf(db: DbOrTx, provinceCode: string): Promise<GradingConfig> {
  return authorityConfig(db, provinceCode);
}

/**
 * Whether a caller works with applications at all: the manager of a mine, a regulator who takes steps,
 * or ADMIN, who reads everything (product.md) and takes no step (availableActs gives it none).
 */
export function mayUseApplications(caller: Caller): boolean {
  return (
    (can(caller.role, "application.submit") && caller.mineId !== null) ||
    can(caller.role, "application.process") ||
    caller.role === "ADMIN"
  );
}

/** "open" lists every application still in progress; a state lists that state; "" lists all. */
export const APPLICATION_FILTERS = ["", "open", ...APPLICATION_STATES.filter((s) => s !== "DRAFT")] as const;
export type ApplicationFilter = (typeof APPLICATION_FILTERS)[number];

export function parseApplicationFilter(raw: string | undefined): ApplicationFilter {
  return (APPLICATION_FILTERS as readonly string[]).includes(raw ?? "") ? (raw as ApplicationFilter) : "";
}

function stateWhere(filter: ApplicationFilter): Prisma.GradeApplicationWhereInput {
  if (filter === "") return {};
  if (filter === "open") return { state: { in: [...OPEN_STATES] } };
  return { state: filter };
}

const mineSelect = {
  id: true,
  code: true,
  name: true,
  nameEn: true,
  type: true,
  provinceCode: true,
  prefectureCode: true,
  countyCode: true,
} as const;

/** Applications of mines in the caller's scope (a manager: its own mine), newest first, with what the caller may do now. */
export async function listApplications(
  caller: Caller,
  filter: { state: ApplicationFilter; page?: number; pageSize?: number },
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const pageSize = filter.pageSize ?? 50;
  const page = filter.page ?? 1;
  if (!mayUseApplications(caller)) return { items: [], total: 0, page, pageSize };
  const where: Prisma.GradeApplicationWhereInput = { AND: [{ mine: mineScope(caller) }, stateWhere(filter.state)] };
  const [total, rows, configs] = await Promise.all([
    db.gradeApplication.count({ where }),
    db.gradeApplication.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: {
        mine: { select: mineSelect },
        _count: { select: { objections: { where: { status: "OPEN" } } } },
      },
    }),
    authorityConfig(db),
  ]);
  const items = rows.map((a) => {
    const config = configs;
    const acts = isLevel(a.appliedLevel)
      ? availableActs(
          caller,
          {
            state: a.state,
            kind: a.kind,
            appliedLevel: a.appliedLevel,
            resultLevel: a.resultLevel,
            mineId: a.mineId,
            noticeEndsOn: a.noticeEndsOn ? isoDate(a.noticeEndsOn) : null,
            openObjections: a._count.objections,
          },
          a.mine,
          config,
          today,
        )
      : [];
    return { ...a, openObjections: a._count.objections, acts };
  });
  return { items, total, page, pageSize };
}

/**
 * One application in the caller's scope with everything its page shows: both score sheets, the
 * events with their actors, the objections (a mine manager does not see who objected), and the acts
 * the caller may take now. Null when absent or out of scope.
 */
export async function getApplication(caller: Caller, id: number, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!mayUseApplications(caller) || !Number.isInteger(id) || id <= 0) return null;
  const sheet = { include: { scores: { orderBy: { elementCode: "asc" } } } } as const;
  const app = await db.gradeApplication.findFirst({
    where: { id, mine: mineScope(caller) },
    include: {
      mine: { select: { ...mineSelect, status: true } },
      ruleVersion: {
        select: {
          id: true,
          code: true,
          nameZh: true,
          nameEn: true,
          publicNoticeDays: true,
          basicConditions: { orderBy: { sortOrder: "asc" } },
        },
      },
      conditions: true,
      selfScoresheet: sheet,
      assessedScoresheet: sheet,
      events: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        include: { actor: { select: { name: true, role: true } } },
      },
      objections: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      grade: { include: { authority: { select: { nameZh: true, nameEn: true } } } },
    },
  });
  if (!app || !isLevel(app.appliedLevel)) return null;
  const config = await gradingConfigOf(db, app.mine.provinceCode);
  const openObjections = app.objections.filter((o) => o.status === "OPEN").length;
  const acts = availableActs(
    caller,
    {
      state: app.state,
      kind: app.kind,
      appliedLevel: app.appliedLevel,
      resultLevel: app.resultLevel,
      mineId: app.mineId,
      noticeEndsOn: app.noticeEndsOn ? isoDate(app.noticeEndsOn) : null,
      openObjections,
    },
    app.mine,
    config,
    today,
  );
  // Who resolved an objection, when and why is in its audit row (an objection has no columns for it).
  const resolutions = app.objections.some((o) => o.status !== "OPEN")
    ? await db.auditLog.findMany({
        where: {
          entity: "Objection",
          action: "objection.resolve",
          entityId: { in: app.objections.map((o) => String(o.id)) },
        },
        include: { actor: { select: { name: true } } },
      })
    : [];
  const seesObjectors = can(caller.role, "application.process");
  const objections = app.objections.map((o) => {
    const r = resolutions.find((x) => x.entityId === String(o.id));
    const after = (r?.after ?? {}) as { reason?: string };
    return {
      id: o.id,
      status: o.status,
      text: o.text,
      createdAt: o.createdAt,
      name: seesObjectors ? o.name : null,
      contact: seesObjectors ? o.contact : null,
      resolution: r ? { at: r.at, by: r.actor?.name ?? null, reason: after.reason ?? null } : null,
    };
  });
  // The body that handles it now: after a missed level, the grader of the level reached.
  const body = gradingBody(handlingLevel(app, app.mine, config), app.mine, config);
  const grader = body
    ? await db.authority.findFirst({
        where: { kind: body.kind, regionCode: body.regionCode },
        select: { nameZh: true, nameEn: true },
      })
    : null;
  // Each basic condition of the application's rules with what the applicant recorded (null: nothing).
  const conditions = app.ruleVersion.basicConditions.map((c) => {
    const answer = app.conditions.find((a) => a.conditionCode === c.code);
    return {
      code: c.code,
      textZh: c.textZh,
      textEn: c.textEn,
      status: c.status,
      met: answer ? answer.met : null,
      evidence: answer?.evidence ?? null,
    };
  });
  // A direct extension in progress continues the grade in force: the page says where the new one starts.
  const extended =
    app.kind === "DIRECT_EXTENSION" && (OPEN_STATES as readonly string[]).includes(app.state)
      ? await db.grade.findFirst({
          where: { mineId: app.mineId, level: 1, ...inForceOn(today) },
          orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
          select: { validUntil: true, endedOn: true, announcedOn: true },
        })
      : null;
  // The notice's length in working days: the province's for the level, else the rule version's.
  const noticeDays = applicationNoticeDays(config, app, app.mine, app.ruleVersion.publicNoticeDays);
  return {
    app: { ...app, appliedLevel: app.appliedLevel as Level },
    conditions,
    extends: extended ? { endsOn: gradeEnd(extended) } : null,
    objections,
    openObjections,
    acts,
    grader,
    noticeDays,
    today,
  };
}

export type ApplicationDetail = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

/** What the new-application page needs about the manager's mine: the grade in force and any open application. */
export async function applicationStart(caller: Caller, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "application.submit") || caller.mineId === null) return null;
  const mine = await db.mine.findFirst({
    where: { AND: [{ id: caller.mineId }, mineScope(caller)] },
    select: {
      ...mineSelect,
      status: true,
      grades: {
        where: inForceOn(today),
        orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
        take: 1,
        select: { level: true, validUntil: true, endedOn: true },
      },
      applications: { where: { state: { in: [...OPEN_STATES] } }, select: { id: true, state: true }, take: 1 },
    },
  });
  if (!mine) return null;
  const { grades, applications, ...rest } = mine;
  // The direct extension (直接延期) of a Level 1 grade, offered only when the mine may have it today.
  const ruleSet = await ruleSetOn(today, { db });
  const extension = ruleSet ? await directExtensionCheck(db, mine.id, ruleSet.rules, today) : null;
  return {
    mine: rest,
    currentGrade: grades[0] ?? null,
    openApplication: applications[0] ?? null,
    grantedLevels: grantedLevels(await authorityConfig(db, mine.provinceCode), mine.provinceCode),
    ruleSet,
    extensionOffered: extension !== null && extension.problem === null,
    today,
  };
}

// ---------------------------------------------------------------------------------------------
// Public notices (no login)

/** Under notice and, on `today`, within it: the notices the public may object to. */
function openNoticeWhere(today: string): Prisma.GradeApplicationWhereInput {
  const d = dateValue(today);
  return { state: "PUBLIC_NOTICE", noticeStartsOn: { lte: d }, noticeEndsOn: { gte: d } };
}

const noticeSelect = {
  id: true,
  appliedLevel: true,
  resultLevel: true,
  state: true,
  noticeStartsOn: true,
  noticeEndsOn: true,
  mine: {
    select: {
      code: true,
      name: true,
      nameEn: true,
      provinceCode: true,
      prefectureCode: true,
      countyCode: true,
      county: {
        select: {
          nameZh: true,
          nameEn: true,
          parent: { select: { nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } } },
        },
      },
    },
  },
  assessedScoresheet: { select: { total: true } },
} as const;

/** Open public notices, ending soonest first; readable by anyone. */
export async function listOpenNotices(
  filter: { page?: number; pageSize?: number },
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const pageSize = filter.pageSize ?? 50;
  const page = filter.page ?? 1;
  const where = openNoticeWhere(today);
  const [total, items] = await Promise.all([
    db.gradeApplication.count({ where }),
    db.gradeApplication.findMany({
      where,
      orderBy: [{ noticeEndsOn: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: noticeSelect,
    }),
  ]);
  return { items, total, page, pageSize, today };
}

/**
 * One notice for the public: an application that has been under public notice and is still in that
 * state (open, or ended and awaiting the announcement). Anything else is not public: null.
 */
export async function getNotice(id: number, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!Number.isInteger(id) || id <= 0) return null;
  const notice = await db.gradeApplication.findFirst({
    where: { id, state: "PUBLIC_NOTICE", noticeStartsOn: { not: null } },
    select: noticeSelect,
  });
  if (!notice) return null;
  const config = await gradingConfigOf(db, notice.mine.provinceCode);
  const body = isLevel(notice.appliedLevel)
    ? gradingBody(
        handlingLevel({ appliedLevel: notice.appliedLevel, resultLevel: notice.resultLevel }, notice.mine, config),
        notice.mine,
        config,
      )
    : null;
  const authority = body
    ? await db.authority.findFirst({
        where: { kind: body.kind, regionCode: body.regionCode },
        select: { nameZh: true, nameEn: true },
      })
    : null;
  const open = noticeOpenOn(
    {
      state: notice.state,
      noticeStartsOn: notice.noticeStartsOn ? isoDate(notice.noticeStartsOn) : null,
      noticeEndsOn: notice.noticeEndsOn ? isoDate(notice.noticeEndsOn) : null,
    },
    today,
  );
  return { notice, authority, open, today };
}

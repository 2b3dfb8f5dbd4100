import "server-only";
import { cache } from "react";
import { actsFor, type Body } from "@/lib/domain/authority-config";
import { availableActs, isLevel, OPEN_STATES, responsibleFor, type Act } from "@/lib/domain/application-workflow";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { gradeEnd, lastValidDay } from "@/lib/domain/grade-validity";
import { addDays, compareItems, GRADE_ENDING_DAYS, RECENT_DAYS, type InboxKind } from "@/lib/domain/inbox";
import { can, mayDecide } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { authorityConfig } from "@/lib/server/data/grading-config";
import { cacheEntry, cacheGuard, checkCacheGuard, TAGS } from "@/lib/server/cache/tags";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { inForceOn } from "@/lib/server/grade-in-force";
import { mineRefSelect } from "@/lib/server/data/mine-ref";
import { fromCache } from "@/lib/server/http/database-lost";

/** The mine an item concerns, for its sentence and link. */
export interface InboxMine {
  code: string;
  name: string;
  nameEn: string | null;
}

/**
 * One thing waiting for the caller. `since`/`deadline` are days ("YYYY-MM-DD"; the deadline is the last
 * day to act). `actionable` items are counted in the header; the others are information (a manager's
 * application at the regulators' step, a grade far from its end).
 */
export interface InboxItem {
  kind: InboxKind;
  key: string;
  mine: InboxMine;
  since: string;
  deadline: string | null;
  href: string;
  actionable: boolean;
  /** Which sentence of the kind (a step, a state): a message key under inbox.sentence.<kind>. */
  variant: string;
  /** The sentence's values. */
  values: Record<string, string | number>;
}

export type InboxAudience = "regulator" | "manager" | "admin" | "official";

export interface Inbox {
  audience: InboxAudience;
  items: InboxItem[];
  /** Actionable items per kind. */
  counts: Partial<Record<InboxKind, number>>;
  /** Actionable items in all: the header's count. */
  total: number;
  today: string;
}

const e = encodeURIComponent;
/** A date column's day. */
const day = (d: Date) => isoDate(d);
/** The day in China a moment (a proposal, an event, a reply) fell on. */
const dayOf = (d: Date) => todayInChina(d);
const mineOf = (m: InboxMine): InboxMine => ({ code: m.code, name: m.name, nameEn: m.nameEn });
const REGULATORS = ["NATIONAL_REGULATOR", "PROVINCIAL_REGULATOR", "LOCAL_REGULATOR"] as const;

/** The forward steps of an application: what makes it "at my step" (rejecting is always possible, not a step to take). */
const FORWARD: readonly Act[] = ["PASS_REVIEW", "ASSESS", "START_NOTICE", "ANNOUNCE"];

function audienceOf(caller: Caller): InboxAudience {
  if (caller.role === "MINE_MANAGER") return "manager";
  if (caller.role === "ADMIN") return "admin";
  if (caller.role === "OFFICIAL") return "official";
  return "regulator";
}

/**
 * Everything waiting for the caller, scoped like every read (mineScope) and decided by the functions the
 * actions themselves use: mayDecide (confirming a proposal), availableActs (an application's step, an
 * objection), the spot-check amendment's permission (an overdue finding), the body that recorded or
 * decided a record (a manager's reply). A handful of indexed queries, whatever the number of items.
 * ADMIN acts on accounts, rules and targets, never on a mine's record, and OFFICIAL reads only
 * (product.md): both get an empty inbox that says why.
 */
export async function inboxFor(caller: Caller, opts: { db?: Db; today?: string } = {}): Promise<Inbox> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const audience = audienceOf(caller);
  let items: InboxItem[] = [];
  if (audience === "regulator" && (REGULATORS as readonly string[]).includes(caller.role))
    items = await regulatorItems(db, caller, today);
  else if (audience === "manager" && caller.mineId !== null) items = await managerItems(db, caller, today);
  items.sort(compareItems);
  const counts: Partial<Record<InboxKind, number>> = {};
  for (const i of items) if (i.actionable) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  return { audience, items, counts, total: items.filter((i) => i.actionable).length, today };
}

/** The inbox once per request: the /inbox page's items and counts. */
export const requestInbox = cache((caller: Caller) => inboxFor(caller));

/**
 * The header's count on every portal page: cached per reader (id, role, jurisdiction, mine) and day,
 * and expired by every write through the portal (tag "inbox", lib/server/cache/tags.ts), so a page
 * costs no inbox queries unless something was written since. The /inbox page computes afresh.
 */
export function inboxCount(caller: Caller): Promise<number> {
  return fromCache(
    cachedInboxCount(cacheGuard(), caller.id, caller.role, caller.jurisdiction, caller.mineId, todayInChina()),
  );
}

async function cachedInboxCount(
  guard: string,
  id: number,
  role: Caller["role"],
  jurisdiction: string,
  mineId: number | null,
  today: string,
): Promise<number> {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("inbox", TAGS.inbox);
  const { total } = await inboxFor({ id, role, jurisdiction, mineId, email: "", name: "" }, { today });
  return total;
}

async function regulatorItems(db: Db, caller: Caller, today: string): Promise<InboxItem[]> {
  const scope = mineScope(caller);
  const todayDate = dateValue(today);
  const horizon = dateValue(addDays(today, GRADE_ENDING_DAYS));
  const recent = dateValue(addDays(today, -RECENT_DAYS));
  const [config, proposals, applications, findings, grades, replies] = await Promise.all([
    authorityConfig(db),
    can(caller.role, "decision.confirm")
      ? db.decision.findMany({
          where: { status: "PROPOSED", mine: scope },
          select: {
            id: true,
            type: true,
            fromLevel: true,
            toLevel: true,
            reason: true,
            proposedAt: true,
            mine: { select: mineRefSelect },
          },
        })
      : [],
    can(caller.role, "application.process")
      ? db.gradeApplication.findMany({
          where: { state: { in: [...OPEN_STATES] }, mine: scope },
          select: {
            id: true,
            state: true,
            kind: true,
            appliedLevel: true,
            resultLevel: true,
            mineId: true,
            submittedOn: true,
            noticeEndsOn: true,
            mine: { select: mineRefSelect },
            objections: { where: { status: "OPEN" }, select: { id: true, createdAt: true } },
            // When it reached its state: the newest event.
            events: { orderBy: [{ at: "desc" }, { id: "desc" }], take: 1, select: { at: true } },
          },
        })
      : [],
    can(caller.role, "spotCheck.record")
      ? db.finding.findMany({
          where: { rectifiedOn: null, rectifyBy: { lt: todayDate }, spotCheck: { status: "COMPLETED", mine: scope } },
          select: {
            id: true,
            elementCode: true,
            severity: true,
            rectifyBy: true,
            spotCheck: { select: { id: true, checkedOn: true, mine: { select: mineRefSelect } } },
          },
        })
      : [],
    db.grade.findMany({
      where: {
        AND: [
          inForceOn(today),
          { OR: [{ validUntil: { lte: horizon } }, { endedOn: { lte: horizon } }] },
          { mine: { AND: [scope, { status: { not: "CLOSED" } }] } },
        ],
      },
      select: {
        id: true,
        level: true,
        announcedOn: true,
        validUntil: true,
        endedOn: true,
        mine: {
          select: {
            ...mineRefSelect,
            applications: { where: { state: { in: [...OPEN_STATES] } }, select: { id: true } },
          },
        },
      },
    }),
    db.reply.findMany({
      where: {
        createdAt: { gte: recent },
        author: { role: "MINE_MANAGER" },
        OR: [
          { finding: { spotCheck: { status: "COMPLETED", mine: scope } } },
          { decision: { status: "CONFIRMED", mine: scope } },
        ],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        createdAt: true,
        findingId: true,
        decisionId: true,
        finding: {
          select: {
            spotCheck: {
              select: {
                id: true,
                authority: { select: { kind: true, regionCode: true } },
                mine: { select: mineRefSelect },
              },
            },
          },
        },
        decision: {
          select: { authority: { select: { kind: true, regionCode: true } }, mine: { select: mineRefSelect } },
        },
      },
    }),
  ]);

  const items: InboxItem[] = [];

  // Proposals the configuration gives the caller to confirm: the very check the confirm action makes.
  for (const d of proposals) {
    if (!mayDecide(caller, config, d.mine, d.fromLevel)) continue;
    items.push({
      kind: "proposal",
      key: `proposal:${d.id}`,
      mine: mineOf(d.mine),
      since: dayOf(d.proposedAt),
      deadline: null,
      href: "/decisions?status=PROPOSED",
      actionable: true,
      variant: d.type,
      values: { fromLevel: d.fromLevel, toLevel: d.toLevel ?? 0, reason: d.reason },
    });
  }

  // Applications whose next step is the caller's, and the open objections the caller resolves.
  for (const a of applications) {
    if (!isLevel(a.appliedLevel)) continue;
    const acts = availableActs(
      caller,
      {
        state: a.state,
        kind: a.kind,
        appliedLevel: a.appliedLevel,
        resultLevel: a.resultLevel,
        mineId: a.mineId,
        noticeEndsOn: a.noticeEndsOn ? day(a.noticeEndsOn) : null,
        openObjections: a.objections.length,
      },
      a.mine,
      config,
      today,
    );
    const step = FORWARD.find((s) => acts.includes(s));
    const reached = a.events[0] ? dayOf(a.events[0].at) : a.submittedOn ? day(a.submittedOn) : today;
    if (step)
      items.push({
        kind: "application",
        key: `application:${a.id}`,
        mine: mineOf(a.mine),
        since: reached,
        deadline: null,
        href: `/applications/${a.id}`,
        actionable: true,
        variant: step,
        values: { level: a.resultLevel ?? a.appliedLevel, appliedLevel: a.appliedLevel },
      });
    if (acts.includes("RESOLVE_OBJECTION"))
      for (const o of a.objections)
        items.push({
          kind: "objection",
          key: `objection:${o.id}`,
          mine: mineOf(a.mine),
          since: dayOf(o.createdAt),
          deadline: null,
          href: `/applications/${a.id}`,
          actionable: true,
          variant: "open",
          values: { level: a.resultLevel ?? a.appliedLevel },
        });
  }

  // Findings past their rectification date (any regulator of the mine amends the spot-check to close one).
  for (const f of findings) {
    const m = f.spotCheck.mine;
    items.push({
      kind: "overdueFinding",
      key: `overdueFinding:${f.id}`,
      mine: mineOf(m),
      since: day(f.spotCheck.checkedOn),
      deadline: f.rectifyBy ? day(f.rectifyBy) : null,
      href: `/mines/${e(m.code)}/spot-checks/${f.spotCheck.id}/edit`,
      actionable: true,
      variant: f.severity,
      values: { element: f.elementCode, checkedOn: day(f.spotCheck.checkedOn) },
    });
  }

  // Grades ending within GRADE_ENDING_DAYS (derived from their dates), with whether a new application runs.
  for (const g of grades) {
    const end = gradeEnd(g);
    items.push({
      kind: "gradeEnding",
      key: `gradeEnding:${g.id}`,
      mine: mineOf(g.mine),
      since: addDays(end, -GRADE_ENDING_DAYS),
      deadline: lastValidDay(end),
      href: `/mines/${e(g.mine.code)}`,
      actionable: true,
      variant: g.mine.applications.length > 0 ? "applying" : "noApplication",
      values: { level: g.level },
    });
  }

  // Managers' replies to the body that recorded the spot-check or decided the decision, not yet followed
  // by an amendment of that spot-check; one item per record, since its oldest unanswered reply.
  const mine = replies.filter((r) => {
    const authority = r.finding?.spotCheck.authority ?? r.decision?.authority ?? null;
    return authority !== null && actsFor(caller, authority satisfies Body);
  });
  const spotCheckIds = [...new Set(mine.flatMap((r) => (r.finding ? [r.finding.spotCheck.id] : [])))];
  const amendments = spotCheckIds.length
    ? await db.auditLog.findMany({
        where: { entity: "SpotCheck", action: "spotCheck.amend", entityId: { in: spotCheckIds.map(String) } },
        select: { entityId: true, at: true },
      })
    : [];
  const seen = new Set<string>();
  for (const r of mine) {
    const record = r.findingId !== null ? `finding:${r.findingId}` : `decision:${r.decisionId}`;
    if (seen.has(record)) continue;
    const check = r.finding?.spotCheck;
    if (check && amendments.some((a) => a.entityId === String(check.id) && a.at > r.createdAt)) continue;
    seen.add(record);
    const m = (check?.mine ?? r.decision?.mine)!;
    items.push({
      kind: "reply",
      key: `reply:${record}`,
      mine: mineOf(m),
      since: dayOf(r.createdAt),
      deadline: null,
      href: check ? `/mines/${e(m.code)}/spot-checks/${check.id}` : `/mines/${e(m.code)}`,
      actionable: true,
      variant: check ? "finding" : "decision",
      values: {},
    });
  }
  return items;
}

async function managerItems(db: Db, caller: Caller, today: string): Promise<InboxItem[]> {
  const scope = mineScope(caller);
  const recent = dateValue(addDays(today, -RECENT_DAYS));
  const horizon = addDays(today, GRADE_ENDING_DAYS);
  const mine = await db.mine.findFirst({
    where: scope,
    select: {
      ...mineRefSelect,
      grades: {
        where: inForceOn(today),
        orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
        take: 1,
        select: { id: true, level: true, announcedOn: true, validUntil: true, endedOn: true },
      },
    },
  });
  if (!mine) return [];
  const [config, findings, decisions, applications] = await Promise.all([
    authorityConfig(db, mine.provinceCode),
    // Open findings of completed spot-checks: each waits for its rectification (and the manager's reply).
    db.finding.findMany({
      where: { rectifiedOn: null, spotCheck: { status: "COMPLETED", mineId: mine.id } },
      select: {
        id: true,
        elementCode: true,
        severity: true,
        rectifyBy: true,
        spotCheck: { select: { id: true, checkedOn: true } },
        replies: { where: { authorId: caller.id }, select: { id: true }, take: 1 },
      },
    }),
    // Decisions confirmed in the last RECENT_DAYS that the manager has not replied to.
    db.decision.findMany({
      where: {
        mineId: mine.id,
        status: "CONFIRMED",
        decidedAt: { gte: recent },
        replies: { none: { authorId: caller.id } },
      },
      select: { id: true, type: true, fromLevel: true, toLevel: true, decidedAt: true, effectiveOn: true },
    }),
    // The application in progress, and one turned back in the last RECENT_DAYS.
    db.gradeApplication.findMany({
      where: {
        mineId: mine.id,
        OR: [
          { state: { in: ["DRAFT", ...OPEN_STATES] } },
          { state: "REJECTED", events: { some: { toState: "REJECTED", at: { gte: recent } } } },
        ],
      },
      select: {
        id: true,
        state: true,
        kind: true,
        appliedLevel: true,
        resultLevel: true,
        mineId: true,
        noticeEndsOn: true,
        createdAt: true,
        events: { orderBy: [{ at: "desc" }, { id: "desc" }], take: 1, select: { at: true } },
      },
    }),
  ]);
  const items: InboxItem[] = [];
  const m = mineOf(mine);
  const mineHref = `/mines/${e(mine.code)}`;
  for (const f of findings) {
    const checkedOn = day(f.spotCheck.checkedOn);
    items.push({
      kind: "finding",
      key: `finding:${f.id}`,
      mine: m,
      since: checkedOn,
      deadline: f.rectifyBy ? day(f.rectifyBy) : null,
      href: `${mineHref}/spot-checks/${f.spotCheck.id}`,
      actionable: true,
      variant: f.replies.length > 0 ? "replied" : f.rectifyBy ? "rectify" : "open",
      values: { element: f.elementCode, checkedOn, severity: f.severity },
    });
  }
  for (const d of decisions)
    items.push({
      kind: "decision",
      key: `decision:${d.id}`,
      mine: m,
      since: dayOf(d.decidedAt!),
      deadline: null,
      href: mineHref,
      actionable: true,
      variant: d.type,
      values: {
        fromLevel: d.fromLevel,
        toLevel: d.toLevel ?? 0,
        effectiveOn: d.effectiveOn ? day(d.effectiveOn) : "",
      },
    });
  for (const a of applications) {
    // What is expected of the manager: submit a draft; otherwise the step is a regulator's.
    const waitingFor =
      isLevel(a.appliedLevel) && a.state !== "DRAFT" && a.state !== "REJECTED"
        ? responsibleFor(
            a.state === "SUBMITTED"
              ? "PASS_REVIEW"
              : a.state === "INITIAL_REVIEW_PASSED"
                ? a.kind === "DIRECT_EXTENSION"
                  ? "START_NOTICE"
                  : "ASSESS"
                : a.state === "ASSESSED"
                  ? "START_NOTICE"
                  : "ANNOUNCE",
            { state: a.state, kind: a.kind, appliedLevel: a.appliedLevel, resultLevel: a.resultLevel },
            mine,
            config,
          )
        : null;
    items.push({
      kind: "myApplication",
      key: `myApplication:${a.id}`,
      mine: m,
      since: dayOf(a.events[0]?.at ?? a.createdAt),
      deadline: a.state === "PUBLIC_NOTICE" && a.noticeEndsOn ? day(a.noticeEndsOn) : null,
      href: `/applications/${a.id}`,
      actionable: a.state === "DRAFT",
      variant: a.state,
      values: {
        level: a.resultLevel ?? a.appliedLevel,
        appliedLevel: a.appliedLevel,
        body: waitingFor && waitingFor !== "MANAGER" ? waitingFor.kind : "NONE",
      },
    });
  }
  const grade = mine.grades[0];
  if (grade) {
    const end = gradeEnd(grade);
    const ending = end <= horizon;
    items.push({
      kind: "myGrade",
      key: `myGrade:${grade.id}`,
      mine: m,
      since: day(grade.announcedOn),
      deadline: lastValidDay(end),
      href: ending ? "/applications/new" : mineHref,
      // Ending soon and no application yet: apply (复查) before it lapses.
      actionable: ending && !applications.some((a) => (OPEN_STATES as readonly string[]).includes(a.state)),
      variant: ending ? "ending" : "valid",
      values: { level: grade.level },
    });
  }
  return items;
}

// Turns the simulated world into table rows with explicit ids, in a fixed order. Each entity's row
// comes from its builder in entities.ts, which the test factories use too.
import type { ApplicationState, ScoresheetKind } from "../../lib/generated/prisma/enums";
import type { Authorities, AuthorityRow } from "./authorities";
import { dayOf, iso, stamp, yearOf, ymd } from "./days";
import {
  accidentRow,
  applicationDates,
  applicationRows,
  decisionRow,
  findingRow,
  gradeRow,
  hiddenDangerRow,
  mineRows,
  scoresheetRows,
  spotCheckRow,
  userRow,
} from "./entities";
import type { AccidentSim, CheckSim, DangerSim, DecisionSim, History } from "./history";
import { inForceOnDay, type AppPlan, type LifeGrade } from "./lifecycle";
import { COAL_PROVINCES, type EnterpriseRow, type MineSim } from "./mines";
import { hashRand, Rng } from "./prng";
import { nationalTarget, type ReferenceData } from "./reference";
import { makeSheet, ruleVersionId, rulesOn, type RuleRows } from "./rules";
import type { RowOf } from "./tables";
import { accidentDescription, dangerDescription, findingText, OBJECTIONS, REJECTIONS, SPOT_NOTES } from "./texts";
import { demoUsers, USER } from "./users";

export interface Rows extends RuleRows {
  regions: RowOf<"regions">[];
  enterprises: RowOf<"enterprises">[];
  authorities: RowOf<"authorities">[];
  gradingConfig: RowOf<"gradingConfig">[];
  provinceRules: RowOf<"provinceRules">[];
  targets: RowOf<"targets">[];
  mines: RowOf<"mines">[];
  statusPeriods: RowOf<"statusPeriods">[];
  users: RowOf<"users">[];
  scoresheets: RowOf<"scoresheets">[];
  elementScores: RowOf<"elementScores">[];
  applications: RowOf<"applications">[];
  applicationEvents: RowOf<"applicationEvents">[];
  applicationConditions: RowOf<"applicationConditions">[];
  objections: RowOf<"objections">[];
  grades: RowOf<"grades">[];
  decisions: RowOf<"decisions">[];
  /** Grade id, the decision that ended it, the decision that started it: set after the decisions exist. */
  gradeLinks: [gradeId: number, endedBy: number | null, startedBy: number | null][];
  accidents: RowOf<"accidents">[];
  spotChecks: RowOf<"spotChecks">[];
  findings: RowOf<"findings">[];
  hiddenDangers: RowOf<"hiddenDangers">[];
  replies: RowOf<"replies">[];
}

/** The evidence a demo application gives for each basic condition (basic-condition-data.ts). */
const CONDITION_EVIDENCE: Record<string, string> = {
  LICENCES: "采矿许可证、安全生产许可证、营业执照均在有效期内（复印件附后）",
  NO_MAJOR_HIDDEN_DANGER: "隐患排查治理台账：近一年无重大事故隐患，一般隐患均已整改闭环",
  MANAGERS_QUALIFIED: "矿长、总工程师及副矿长安全生产知识和管理能力考核合格证明（附后）",
  SAFETY_ORGANISATION: "安全管理部门设立文件及专职安全管理人员名单（附后）",
};

const LEGAL_BASIS: Record<string, string> = {
  "2017": "《煤矿安全生产标准化考核定级办法（试行）》（煤安监行管〔2017〕5号）第十二条",
  "2020": "《煤矿安全生产标准化管理体系考核定级办法（试行）》（煤安监行管〔2020〕16号）第十七条",
  "2024": "《煤矿安全生产标准化管理体系考核定级办法》（矿安〔2024〕109号）第十九条",
};

const RENAMED = dayOf(2020, 10, 1); // 国家煤矿安全监察局 → 国家矿山安全监察局

function announcementPrefix(a: AuthorityRow, d: number): string {
  return a.kind === "NATIONAL" && d < RENAMED ? "煤安监标" : a.prefix;
}

/** Announcements are numbered by batch: two a month (the 10th and the 25th). */
function announcementNo(a: AuthorityRow, d: number): string {
  const { y, m, dd } = ymd(d);
  const n = 2 * m - (dd <= 15 ? 1 : 0);
  return `${announcementPrefix(a, d)}〔${y}〕${n}号`;
}

function teamName(a: AuthorityRow, d: number, mineId: number): string {
  const who = a.kind === "NATIONAL" ? (d < RENAMED ? "国家煤矿安全监察局" : "国家矿山安全监察局") : a.nameZh;
  return `${who}标准化抽查第${1 + Math.floor(hashRand("team", mineId, d) * 6)}组`;
}

function creatorFor(a: AuthorityRow): number | null {
  if (a.kind === "NATIONAL") return USER.nmsa;
  if (a.kind === "PROVINCIAL" && a.regionCode === "14") return USER.shanxi;
  if (a.kind === "PREFECTURE" && a.regionCode === "1402") return USER.datong;
  return null;
}

export interface BuildInput {
  /** The reference data (reference.ts), loaded as it is. */
  reference: ReferenceData;
  mines: MineSim[];
  enterprises: EnterpriseRow[];
  auth: Authorities;
  history: History;
  today: number;
  passwordHash: string;
  managerMine: MineSim;
}

export function buildRows(input: BuildInput): Rows {
  const { reference, mines, enterprises, auth, history, today, passwordHash, managerMine } = input;
  const todayYear = yearOf(today);
  const out: Rows = {
    ...reference.rules,
    regions: reference.regions,
    enterprises: enterprises.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    authorities: auth.rows.map(({ id, kind, regionCode, nameZh, nameEn }) => ({
      id,
      kind,
      regionCode,
      nameZh,
      nameEn,
    })),
    gradingConfig: reference.gradingConfig,
    provinceRules: reference.provinceRules,
    targets: [...reference.targets],
    mines: [],
    statusPeriods: [],
    users: demoUsers(managerMine).map((u) => userRow({ ...u, passwordHash, createdAt: "2018-01-01 00:00:00" })),
    scoresheets: [],
    elementScores: [],
    applications: [],
    applicationEvents: [],
    applicationConditions: [],
    objections: [],
    grades: [],
    decisions: [],
    gradeLinks: [],
    accidents: [],
    spotChecks: [],
    findings: [],
    hiddenDangers: [],
    replies: [],
  };

  // The demo's own targets: each coal province a little above the national one (reference.ts).
  let targetId = out.targets.length;
  for (let y = 2018; y <= Math.max(2026, todayYear); y++) {
    if (!out.targets.some((t) => t.year === y && t.regionCode === ""))
      out.targets.push({ id: ++targetId, year: y, regionCode: "", level: null, ratio: nationalTarget(y).toFixed(4) });
    for (const pc of COAL_PROVINCES) {
      const ratio = nationalTarget(y) + Math.round(hashRand("target", pc, y) * 2) * 0.05;
      out.targets.push({ id: ++targetId, year: y, regionCode: pc, level: null, ratio: ratio.toFixed(4) });
    }
  }

  // Mines and their status histories.
  let periodId = 0;
  for (const m of mines) {
    const rows = mineRows({
      ...m,
      periods: m.periods.map((p) => ({
        id: ++periodId,
        status: p.status,
        startedOn: iso(p.start),
        endedOn: p.end === null ? null : iso(p.end),
      })),
      createdAt: stamp(Math.min(m.periods[0].start, dayOf(2017, 1, 1)), 0, 0),
    });
    out.mines.push(rows.mine);
    out.statusPeriods.push(...rows.periods);
  }

  // Score sheets are numbered in the order they are made.
  let sheetId = 0;
  const sheet = (mine: MineSim, kind: ScoresheetKind, level: number | null, d: number) => {
    const r = rulesOn(d);
    const s = makeSheet(new Rng(`sheet:${kind}:${mine.id}:${d}`), r, mine.type, level, iso(d));
    const id = ++sheetId;
    const rows = scoresheetRows({
      id,
      mineId: mine.id,
      ruleVersionId: ruleVersionId(r),
      kind,
      mineType: mine.type,
      ...s,
      createdAt: stamp(d, 17, 0),
    });
    out.scoresheets.push(rows.sheet);
    out.elementScores.push(...rows.scores(id));
    return { id, scores: s.scores, total: s.total };
  };

  // Decisions get ids in the order they were proposed.
  const decisionOrder = history.decisions
    .map((d, index) => ({ d, index }))
    .sort((a, b) => a.d.proposed - b.d.proposed || a.d.mine.id - b.d.mine.id || a.index - b.index);
  const decisionIdByIndex = new Map<number, number>();
  decisionOrder.forEach(({ d, index }, i) => {
    d.id = i + 1;
    decisionIdByIndex.set(index, i + 1);
  });

  // Accidents, checks and hidden dangers: ids by date.
  const byDay = <T extends { day: number; mine: MineSim; id: number }>(list: T[]) =>
    list
      .map((x, i) => ({ x, i }))
      .sort((a, b) => a.x.day - b.x.day || a.x.mine.id - b.x.mine.id || a.i - b.i)
      .forEach(({ x }, k) => (x.id = k + 1));
  byDay<AccidentSim>(history.accidents);
  byDay<CheckSim>(history.checks);
  byDay<DangerSim>(history.dangers);

  // Grades and applications, mine by mine.
  let gradeId = 0;
  let appId = 0;
  let eventId = 0;
  let conditionId = 0;
  let objectionId = 0;
  const gradeIds = new Map<LifeGrade, number>();
  const addApplication = (
    mine: MineSim,
    app: AppPlan,
    state: Exclude<ApplicationState, "DRAFT">,
    extra: { rejection?: string } = {},
  ): number => {
    const id = ++appId;
    const sub = app.submitted;
    const ann = app.announce;
    const assessed = ann - 35;
    const noticeStart = ann - 25;
    const selfSheet = sub >= today - 365 ? sheet(mine, "SELF_ASSESSMENT", app.appliedLevel, sub - 3).id : null;
    const assessedDone = state === "ASSESSED" || state === "PUBLIC_NOTICE" || state === "ANNOUNCED";
    const assessedSheet = assessedDone ? sheet(mine, "ASSESSMENT", app.resultLevel, assessed).id : null;
    const inNotice = state === "PUBLIC_NOTICE" || state === "ANNOUNCED";
    const rows = applicationRows({
      id,
      mineId: mine.id,
      ruleVersionId: ruleVersionId(rulesOn(assessedDone ? assessed : sub)),
      appliedLevel: app.appliedLevel,
      state,
      dates: applicationDates(sub, ann),
      selfScoresheetId: selfSheet,
      assessedScoresheetId: assessedSheet,
      resultLevel: app.resultLevel,
      rejectionReason: extra.rejection,
      managerId: mine.id === managerMine.id ? USER.manager : null,
      today: iso(today),
    });
    out.applications.push(rows.application);
    for (const event of rows.events(id)) out.applicationEvents.push({ ...event, id: ++eventId });
    // The basic conditions of the application's rule version, every one met, with its evidence.
    for (const c of out.basicConditions.filter((b) => b.ruleVersionId === rows.application.ruleVersionId))
      out.applicationConditions.push({
        id: ++conditionId,
        applicationId: id,
        conditionCode: c.code,
        met: true,
        evidence: (c.code && CONDITION_EVIDENCE[c.code]) || "见申报材料",
      });
    // Objections: a few during notices, open while the notice runs.
    if (inNotice) {
      const u = hashRand("objection", mine.id, ann);
      const open = state === "PUBLIC_NOTICE";
      const n = open ? (u < 0.35 ? 1 + (Math.floor(u * 5) % 2) : 0) : u < 0.02 ? 1 : 0;
      for (let k = 0; k < n; k++) {
        const d = Math.min(today, noticeStart + 1 + k);
        out.objections.push({
          id: ++objectionId,
          applicationId: id,
          name: k % 2 === 0 ? "匿名" : "群众来信",
          contact: "—",
          text: OBJECTIONS[Math.floor(hashRand("objection-text", id, k) * OBJECTIONS.length)],
          status: open ? "OPEN" : "DISMISSED",
          createdAt: stamp(d, 15, 0),
        });
      }
    }
    return id;
  };

  for (const st of history.states) {
    const mine = st.mine;
    for (const g of st.life.grades) {
      let applicationId: number | null = null;
      if (g.app) {
        // Now and then a first application was turned back or withdrawn before the one that succeeded.
        const u = hashRand("failed-app", mine.id, g.app.submitted);
        if (!g.app.review && u < 0.05 && g.app.submitted - 200 > dayOf(2017, 1, 1)) {
          const earlier: AppPlan = { ...g.app, submitted: g.app.submitted - 200, announce: g.app.submitted - 130 };
          if (u < 0.04)
            addApplication(mine, earlier, "REJECTED", {
              rejection: REJECTIONS[Math.floor(u * 100) % REJECTIONS.length],
            });
          else addApplication(mine, earlier, "WITHDRAWN");
        }
        applicationId = addApplication(mine, g.app, "ANNOUNCED");
      }
      const id = ++gradeId;
      gradeIds.set(g, id);
      const authority = auth.forLevel(g.level, mine);
      const number =
        g.fromDecision !== null ? decisionNumberPlaceholder(g.fromDecision) : announcementNo(authority, g.announcedOn);
      out.grades.push(
        gradeRow({
          id,
          mineId: mine.id,
          level: g.level,
          ruleVersionId: ruleVersionId(rulesOn(g.announcedOn)),
          authorityId: authority.id,
          announcementNo: number,
          announcedOn: iso(g.announcedOn),
          validUntil: iso(g.validUntil),
          endedOn: g.endedOn === null ? null : iso(g.endedOn),
          endReason: g.endReason,
          applicationId,
        }),
      );
      if (g.endedByDecision !== null || g.fromDecision !== null) {
        out.gradeLinks.push([
          id,
          g.endedByDecision === null ? null : (decisionIdByIndex.get(g.endedByDecision) ?? null),
          g.fromDecision === null ? null : (decisionIdByIndex.get(g.fromDecision) ?? null),
        ]);
      }
    }
    const p = st.life.pending;
    if (p) {
      const dates = applicationDates(p.submitted, p.announce);
      const on = iso(today);
      const state =
        on < dates.reviewed
          ? "SUBMITTED"
          : on < dates.assessed
            ? "INITIAL_REVIEW_PASSED"
            : on < dates.noticeStarts
              ? "ASSESSED"
              : "PUBLIC_NOTICE";
      addApplication(mine, p, state);
    }
  }

  // Decision numbers: per authority, year and type, in order of effect.
  const numbers = new Map<DecisionSim, string>();
  const counters = new Map<string, number>();
  for (const d of [...history.decisions]
    .filter((x) => x.status === "CONFIRMED")
    .sort((a, b) => (a.effective ?? 0) - (b.effective ?? 0) || a.id - b.id)) {
    const eff = d.effective ?? today;
    const y = yearOf(eff);
    const key = `${d.authority.id}:${y}:${d.type}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    numbers.set(d, `${announcementPrefix(d.authority, eff)}${d.type === "DOWNGRADE" ? "降" : "撤"}〔${y}〕${n}号`);
  }
  // The grades a downgrade started carry the decision's number as their announcement number.
  function decisionNumberPlaceholder(index: number): string {
    return `#decision:${index}`;
  }
  for (const row of out.grades) {
    const no = row.announcementNo ?? "";
    if (no.startsWith("#decision:")) row.announcementNo = numbers.get(history.decisions[Number(no.slice(10))]) ?? "";
  }

  // Decisions.
  const findGrade = (d: DecisionSim, index: number): number => {
    const st = history.states[d.mine.id - 1];
    if (d.status === "CONFIRMED") {
      // The grade the decision ended.
      for (const g of st.life.grades) if (g.endedByDecision === index) return gradeIds.get(g) ?? 0;
    } else {
      for (const g of st.life.grades) {
        if (inForceOnDay(g, d.gradeDay)) return gradeIds.get(g) ?? 0;
      }
    }
    throw new Error(`No grade for the ${d.status} decision of mine ${d.mine.code} on ${iso(d.gradeDay)}`);
  };
  const dangersByMine = new Map<MineSim, DangerSim[]>();
  for (const x of history.dangers) {
    const list = dangersByMine.get(x.mine) ?? [];
    list.push(x);
    dangersByMine.set(x.mine, list);
  }
  for (const { d, index } of decisionOrder) {
    const gradeId = findGrade(d, index);
    const rules = rulesOn(d.effective ?? d.proposed);
    const evidence: Record<string, unknown> = {};
    let triggerKey: string | null = null;
    if (d.accident) {
      Object.assign(evidence, {
        accidentId: d.accident.id,
        occurredOn: iso(d.accident.day),
        deaths: d.accident.deaths,
      });
      triggerKey = `ACCIDENT:${d.accident.id}`;
    }
    if (d.check) {
      Object.assign(evidence, { spotCheckId: d.check.id, checkedOn: iso(d.check.day) });
      if (d.triggerKind === "SPOT_CHECK") triggerKey = `SPOT_CHECK:${d.check.id}`;
    }
    if (d.triggerKind === "HIDDEN_DANGERS") {
      const mineDangers = (dangersByMine.get(d.mine) ?? []).filter(
        (x) => x.day <= d.proposed && x.day > d.proposed - 183,
      );
      Object.assign(evidence, {
        windowMonths: rules.hiddenDangerWindowMonths,
        regulator: mineDangers.filter((x) => x.source === "REGULATOR").length,
        selfReported: mineDangers.filter((x) => x.source === "SELF_REPORTED").length,
        hiddenDangerIds: d.dangers.map((x) => x.id).sort((a, b) => a - b),
      });
      triggerKey = `HIDDEN_DANGERS:${d.mine.id}:${iso(d.proposed)}`;
    }
    if (d.stoppedSince !== null) {
      Object.assign(evidence, { stoppedSince: iso(d.stoppedSince), monthsLimit: rules.stoppedMonthsLimit });
      triggerKey = `PRODUCTION_STOPPED:${d.mine.id}:${iso(d.stoppedSince)}`;
    }
    if (d.reason === "FALSIFICATION") evidence.note = "核查发现申报材料中安全培训和隐患排查记录弄虚作假。";
    // The confirmer decides (Level 1: the province); d.authority is the publisher.
    const decider = d.status === "PROPOSED" ? null : creatorFor(auth.confirmerFor(d.fromLevel, d.mine));
    out.decisions.push(
      decisionRow({
        id: d.id,
        mineId: d.mine.id,
        gradeId,
        type: d.type,
        reason: d.reason,
        fromLevel: d.fromLevel,
        toLevel: d.toLevel,
        status: d.status,
        triggerKey,
        evidence,
        legalBasis: LEGAL_BASIS[rules.code] ?? null,
        number: numbers.get(d) ?? null,
        authorityId: d.authority.id,
        proposerAuthorityId: auth.proposerFor(d.fromLevel, d.mine).id,
        effectiveOn: d.effective === null ? null : iso(d.effective),
        proposedEffectiveOn: d.proposedEffective == null ? null : iso(d.proposedEffective),
        proposedAt: stamp(d.proposed, 8, 30),
        proposedById: d.mine.prefectureCode === "1402" ? USER.datong : null,
        decidedAt: d.decided === null ? null : stamp(d.decided, 11, 0),
        decidedById: decider,
        withdrawnReason: d.withdrawnReason,
      }),
    );
  }

  // Accidents.
  for (const a of [...history.accidents].sort((x, y) => x.id - y.id)) {
    out.accidents.push(
      accidentRow({
        id: a.id,
        mineId: a.mine.id,
        occurredOn: iso(a.day),
        deaths: a.deaths,
        injuries: a.injuries,
        description: accidentDescription(a.kind, a.id, a.deaths, a.injuries),
        recordedById: creatorFor(auth.province(a.mine.provinceCode)),
        createdAt: stamp(Math.min(today, a.day + 1), 10, 0),
      }),
    );
  }

  // Spot-checks with their score sheets and findings.
  let findingId = 0;
  let lastManagerFinding: { id: number; day: number } | null = null;
  for (const c of [...history.checks].sort((x, y) => x.id - y.id)) {
    const s = sheet(c.mine, "SPOT_CHECK", c.bandLevel, c.day);
    out.spotChecks.push(
      spotCheckRow({
        id: c.id,
        mineId: c.mine.id,
        checkedOn: iso(c.day),
        type: c.type,
        status: c.status,
        authorityId: c.authority.id,
        team: teamName(c.authority, c.day, c.mine.id),
        scoresheetId: s.id,
        conclusion: c.conclusion,
        notes: SPOT_NOTES[c.conclusion],
        createdById: creatorFor(c.authority),
      }),
    );
    const rng = new Rng(`findings:${c.id}`);
    const low = Object.entries(s.scores)
      .filter((e): e is [string, number] => e[1] !== null)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const [nMin, nMax, majors] =
      c.conclusion === "GRADE_MAINTAINED"
        ? [1, 4, 0]
        : c.conclusion === "RECTIFICATION_ORDERED"
          ? [3, 6, 1]
          : [4, 8, rng.int(1, 3)];
    const n = Math.min(low.length, rng.int(nMin, nMax));
    for (let k = 0; k < n; k++) {
      const major = k < majors;
      const rectifyBy = c.day + (major ? 15 : 30);
      const rectified = rectifyBy - rng.int(0, 12);
      const id = ++findingId;
      out.findings.push(
        findingRow({
          id,
          spotCheckId: c.id,
          elementCode: low[k][0],
          text: findingText(low[k][0], rng.int(0, 5)),
          severity: major ? "MAJOR" : "GENERAL",
          rectifyBy: iso(rectifyBy),
          rectifiedOn: rectified <= today && c.status === "COMPLETED" ? iso(rectified) : null,
        }),
      );
      if (c.mine.id === managerMine.id) lastManagerFinding = { id, day: c.day };
    }
  }
  if (lastManagerFinding) {
    out.replies.push({
      id: 1,
      authorId: USER.manager,
      findingId: lastManagerFinding.id,
      decisionId: null,
      text: "已按要求完成整改，整改报告和影像资料已上传。",
      createdAt: stamp(Math.min(today, lastManagerFinding.day + 7), 14, 0),
    });
  }

  // Hidden dangers.
  for (const h of [...history.dangers].sort((x, y) => x.id - y.id)) {
    const rectified = h.day + 10 + Math.floor(hashRand("rectified", h.id) * 50);
    out.hiddenDangers.push(
      hiddenDangerRow({
        id: h.id,
        mineId: h.mine.id,
        source: h.source,
        foundOn: iso(h.day),
        description: dangerDescription(h.kind, h.source),
        spotCheckId: h.check ? h.check.id : null,
        rectifiedOn: rectified <= today ? iso(rectified) : null,
      }),
    );
  }
  return out;
}

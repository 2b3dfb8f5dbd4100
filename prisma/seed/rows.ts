// Turns the simulated world into table rows with explicit ids, in a fixed order.
import type { MineType } from "../../lib/domain/rules";
import type { Authorities, AuthorityRow } from "./authorities";
import { dayOf, iso, stamp, yearOf, ymd } from "./days";
import type { AccidentSim, CheckSim, DangerSim, DecisionSim, History } from "./history";
import type { AppPlan, LifeGrade } from "./lifecycle";
import { COAL_PROVINCES, type EnterpriseRow, type MineSim } from "./mines";
import { hashRand, Rng } from "./prng";
import type { Geography } from "./regions";
import { makeSheet, ruleRows, ruleVersionId, rulesOn, type RuleRows } from "./rules";
import { accidentDescription, dangerDescription, findingText, OBJECTIONS, REJECTIONS, SPOT_NOTES } from "./texts";
import { demoUsers, USER } from "./users";

export type Row = unknown[];

export interface Rows extends RuleRows {
  regions: Row[];
  enterprises: Row[];
  authorities: Row[];
  gradingConfig: Row[];
  targets: Row[];
  mines: Row[];
  statusPeriods: Row[];
  users: Row[];
  scoresheets: Row[];
  elementScores: Row[];
  applications: Row[];
  applicationEvents: Row[];
  objections: Row[];
  grades: Row[];
  decisions: Row[];
  gradeLinks: Row[];
  accidents: Row[];
  spotChecks: Row[];
  findings: Row[];
  hiddenDangers: Row[];
  replies: Row[];
}

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
  geo: Geography;
  mines: MineSim[];
  enterprises: EnterpriseRow[];
  auth: Authorities;
  history: History;
  today: number;
  passwordHash: string;
  managerMine: MineSim;
}

export function buildRows(input: BuildInput): Rows {
  const { geo, mines, enterprises, auth, history, today, passwordHash, managerMine } = input;
  const rules = ruleRows();
  const todayYear = yearOf(today);
  const out: Rows = {
    ...rules,
    regions: geo.regions.map((r) => [r.code, r.nameZh, r.nameEn, r.level, r.parentCode]),
    enterprises: enterprises.map((e) => [e.id, e.name, e.nameEn]),
    authorities: auth.rows.map((a) => [a.id, a.kind, a.regionCode, a.nameZh, a.nameEn]),
    gradingConfig: [],
    targets: [],
    mines: [],
    statusPeriods: [],
    users: demoUsers(managerMine).map((u) => [
      u.id,
      u.email,
      u.name,
      passwordHash,
      u.role,
      u.jurisdiction,
      u.mineId,
      true,
      "2018-01-01 00:00:00",
    ]),
    scoresheets: [],
    elementScores: [],
    applications: [],
    applicationEvents: [],
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

  // Configuration: who grades Levels 2 and 3, and the spot-check targets.
  let cfgId = 0;
  for (const pc of COAL_PROVINCES) {
    out.gradingConfig.push([++cfgId, pc, 2, "PROVINCIAL"]);
    out.gradingConfig.push([++cfgId, pc, 3, "PREFECTURE"]);
  }
  const NATIONAL_TARGET: Record<number, number> = {
    2018: 0.3,
    2019: 0.33,
    2020: 0.35,
    2021: 0.35,
    2022: 0.35,
    2023: 0.38,
    2024: 0.38,
    2025: 0.4,
  };
  let targetId = 0;
  for (let y = 2018; y <= Math.max(2026, todayYear); y++) {
    const national = NATIONAL_TARGET[y] ?? 0.4;
    out.targets.push([++targetId, y, "", null, national.toFixed(4)]);
    for (const pc of COAL_PROVINCES) {
      const ratio = national + Math.round(hashRand("target", pc, y) * 2) * 0.05;
      out.targets.push([++targetId, y, pc, null, ratio.toFixed(4)]);
    }
  }

  // Mines and their status histories.
  let periodId = 0;
  for (const m of mines) {
    const current = m.periods[m.periods.length - 1];
    out.mines.push([
      m.id,
      m.code,
      m.name,
      m.nameEn,
      m.provinceCode,
      m.prefectureCode,
      m.countyCode,
      m.enterpriseId,
      m.type,
      m.capacity,
      m.gasGrade,
      m.hydroType,
      m.rockBurst,
      m.combustionClass,
      current.status,
      0,
      stamp(Math.min(m.periods[0].start, dayOf(2017, 1, 1)), 0, 0),
    ]);
    for (const p of m.periods)
      out.statusPeriods.push([++periodId, m.id, p.status, iso(p.start), p.end === null ? null : iso(p.end)]);
  }

  // Score sheets are numbered in the order they are made.
  let sheetId = 0;
  const sheet = (
    mine: MineSim,
    kind: "SELF_ASSESSMENT" | "ASSESSMENT" | "SPOT_CHECK",
    level: number | null,
    d: number,
  ) => {
    const r = rulesOn(d);
    const s = makeSheet(new Rng(`sheet:${kind}:${mine.id}:${d}`), r, mine.type as MineType, level, iso(d));
    const id = ++sheetId;
    out.scoresheets.push([
      id,
      mine.id,
      ruleVersionId(r),
      kind,
      mine.type,
      s.total.toFixed(2),
      s.level,
      stamp(d, 17, 0),
    ]);
    for (const [code, score] of Object.entries(s.scores)) {
      out.elementScores.push([id, code, score === null ? null : score.toFixed(1), score === null]);
    }
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
  let objectionId = 0;
  const gradeIds = new Map<LifeGrade, number>();
  const addApplication = (
    mine: MineSim,
    app: AppPlan,
    state:
      "ANNOUNCED" | "SUBMITTED" | "INITIAL_REVIEW_PASSED" | "ASSESSED" | "PUBLIC_NOTICE" | "REJECTED" | "WITHDRAWN",
    extra: { rejection?: string } = {},
  ): number => {
    const id = ++appId;
    const sub = app.submitted;
    const ann = app.announce;
    // Initial review, assessment, then a public notice of 17 days (at least 5 working days) that
    // ends a week before the announcement batch.
    const reviewed = sub + Math.max(5, Math.round((ann - sub - 35) * 0.5));
    const assessed = ann - 35;
    const noticeStart = ann - 25;
    const noticeEnd = ann - 8;
    const steps: [string | null, string, number][] = [[null, "SUBMITTED", sub]];
    const reached = (s: string) =>
      ["INITIAL_REVIEW_PASSED", "ASSESSED", "PUBLIC_NOTICE", "ANNOUNCED"].indexOf(s) <=
      ["INITIAL_REVIEW_PASSED", "ASSESSED", "PUBLIC_NOTICE", "ANNOUNCED"].indexOf(state);
    if (state !== "REJECTED" && state !== "WITHDRAWN") {
      if (reached("INITIAL_REVIEW_PASSED") && state !== "SUBMITTED")
        steps.push(["SUBMITTED", "INITIAL_REVIEW_PASSED", reviewed]);
      if (reached("ASSESSED") && state !== "SUBMITTED" && state !== "INITIAL_REVIEW_PASSED")
        steps.push(["INITIAL_REVIEW_PASSED", "ASSESSED", assessed]);
      if (state === "PUBLIC_NOTICE" || state === "ANNOUNCED") steps.push(["ASSESSED", "PUBLIC_NOTICE", noticeStart]);
      if (state === "ANNOUNCED") steps.push(["PUBLIC_NOTICE", "ANNOUNCED", ann]);
    } else if (state === "REJECTED") {
      steps.push(["SUBMITTED", "REJECTED", reviewed]);
    } else {
      steps.push(["SUBMITTED", "WITHDRAWN", reviewed]);
    }
    const selfSheet = sub >= today - 365 ? sheet(mine, "SELF_ASSESSMENT", app.appliedLevel, sub - 3).id : null;
    const assessedDone = state === "ASSESSED" || state === "PUBLIC_NOTICE" || state === "ANNOUNCED";
    const assessedSheet = assessedDone ? sheet(mine, "ASSESSMENT", app.resultLevel, assessed).id : null;
    const inNotice = state === "PUBLIC_NOTICE" || state === "ANNOUNCED";
    out.applications.push([
      id,
      mine.id,
      ruleVersionId(rulesOn(assessedDone ? assessed : sub)),
      app.appliedLevel,
      state,
      selfSheet,
      assessedSheet,
      assessedDone ? app.resultLevel : null,
      iso(sub),
      inNotice ? iso(noticeStart) : null,
      inNotice ? iso(noticeEnd) : null,
      extra.rejection ?? null,
      steps.length - 1,
      stamp(sub, 9, 30),
    ]);
    for (const [from, to, d] of steps) {
      out.applicationEvents.push([
        ++eventId,
        id,
        from,
        to,
        to === "SUBMITTED" || to === "WITHDRAWN" ? (mine.id === managerMine.id ? USER.manager : null) : null,
        null,
        stamp(Math.min(d, today), 10, 0),
      ]);
    }
    // Objections: a few during notices, open while the notice runs.
    if (inNotice) {
      const u = hashRand("objection", mine.id, ann);
      const open = state === "PUBLIC_NOTICE";
      const n = open ? (u < 0.35 ? 1 + (Math.floor(u * 5) % 2) : 0) : u < 0.02 ? 1 : 0;
      for (let k = 0; k < n; k++) {
        const d = Math.min(today, noticeStart + 1 + k);
        out.objections.push([
          ++objectionId,
          id,
          k % 2 === 0 ? "匿名" : "群众来信",
          "—",
          OBJECTIONS[Math.floor(hashRand("objection-text", id, k) * OBJECTIONS.length)],
          open ? "OPEN" : "DISMISSED",
          stamp(d, 15, 0),
        ]);
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
      out.grades.push([
        id,
        mine.id,
        g.level,
        ruleVersionId(rulesOn(g.announcedOn)),
        authority.id,
        number,
        iso(g.announcedOn),
        iso(g.validUntil),
        g.endedOn === null ? null : iso(g.endedOn),
        g.endReason,
        null,
        applicationId,
        null,
        stamp(g.announcedOn, 16, 0),
      ]);
      if (g.endedByDecision !== null || g.fromDecision !== null) {
        out.gradeLinks.push([
          id,
          g.endedByDecision === null ? null : decisionIdByIndex.get(g.endedByDecision),
          g.fromDecision === null ? null : decisionIdByIndex.get(g.fromDecision),
        ]);
      }
    }
    const p = st.life.pending;
    if (p) {
      const state =
        today < p.submitted + Math.max(5, Math.round((p.announce - p.submitted - 35) * 0.5))
          ? "SUBMITTED"
          : today < p.announce - 35
            ? "INITIAL_REVIEW_PASSED"
            : today < p.announce - 25
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
    const no = row[5] as string;
    if (no.startsWith("#decision:")) row[5] = numbers.get(history.decisions[Number(no.slice(10))]) ?? "";
  }

  // Decisions.
  const findGrade = (d: DecisionSim, index: number): number => {
    const st = history.states[d.mine.id - 1];
    if (d.status === "CONFIRMED") {
      // The grade the decision ended.
      for (const g of st.life.grades) if (g.endedByDecision === index) return gradeIds.get(g) ?? 0;
    } else {
      for (const g of st.life.grades) {
        const end = g.endedOn === null ? g.validUntil : Math.min(g.endedOn, g.validUntil);
        if (g.announcedOn <= d.gradeDay && d.gradeDay < end) return gradeIds.get(g) ?? 0;
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
    const gradeRow = findGrade(d, index);
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
    const decider = d.status === "PROPOSED" ? null : creatorFor(d.authority);
    out.decisions.push([
      d.id,
      d.mine.id,
      gradeRow,
      d.type,
      d.reason,
      d.fromLevel,
      d.toLevel,
      d.status,
      triggerKey,
      JSON.stringify(evidence),
      LEGAL_BASIS[rules.code] ?? null,
      numbers.get(d) ?? null,
      d.authority.id,
      d.effective === null ? null : iso(d.effective),
      stamp(d.proposed, 8, 30),
      d.mine.prefectureCode === "1402" ? USER.datong : null,
      d.decided === null ? null : stamp(d.decided, 11, 0),
      decider,
      d.withdrawnReason,
      d.status === "PROPOSED" ? 0 : 1,
    ]);
  }

  // Accidents.
  for (const a of [...history.accidents].sort((x, y) => x.id - y.id)) {
    out.accidents.push([
      a.id,
      a.mine.id,
      iso(a.day),
      a.deaths,
      a.injuries,
      accidentDescription(a.kind, a.id, a.deaths, a.injuries),
      creatorFor(auth.province(a.mine.provinceCode)),
      stamp(Math.min(today, a.day + 1), 10, 0),
    ]);
  }

  // Spot-checks with their score sheets and findings.
  let findingId = 0;
  let lastManagerFinding: { id: number; day: number } | null = null;
  for (const c of [...history.checks].sort((x, y) => x.id - y.id)) {
    const s = sheet(c.mine, "SPOT_CHECK", c.bandLevel, c.day);
    out.spotChecks.push([
      c.id,
      c.mine.id,
      iso(c.day),
      c.type,
      c.status,
      c.authority.id,
      teamName(c.authority, c.day, c.mine.id),
      s.id,
      c.conclusion,
      SPOT_NOTES[c.conclusion],
      creatorFor(c.authority),
      stamp(c.day, 18, 0),
    ]);
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
      out.findings.push([
        id,
        c.id,
        low[k][0],
        findingText(low[k][0], rng.int(0, 5)),
        major ? "MAJOR" : "GENERAL",
        iso(rectifyBy),
        rectified <= today && c.status === "COMPLETED" ? iso(rectified) : null,
      ]);
      if (c.mine.id === managerMine.id) lastManagerFinding = { id, day: c.day };
    }
  }
  if (lastManagerFinding) {
    out.replies.push([
      1,
      USER.manager,
      lastManagerFinding.id,
      null,
      "已按要求完成整改，整改报告和影像资料已上传。",
      stamp(Math.min(today, lastManagerFinding.day + 7), 14, 0),
    ]);
  }

  // Hidden dangers.
  for (const h of [...history.dangers].sort((x, y) => x.id - y.id)) {
    const rectified = h.day + 10 + Math.floor(hashRand("rectified", h.id) * 50);
    out.hiddenDangers.push([
      h.id,
      h.mine.id,
      h.source,
      iso(h.day),
      dangerDescription(h.kind, h.source),
      h.check ? h.check.id : null,
      rectified <= today ? iso(rectified) : null,
      null,
      stamp(h.day, 12, 0),
    ]);
  }
  return out;
}

// The national history 2018 → today, year by year: accidents, downgrades and revocations,
// spot-checks and hidden dangers, each year's counts set by quotas (× scale) so that the 2020
// national figures of product.md come out the same at every scale:
// - decisions: a quota of confirmed decisions effective in the year (fatal-accident ones first);
// - coverage: a quota of the mines graded during the year gets at least one completed spot-check
//   while graded (exactly the metric definition, computed here on the final grade histories).
// Every event of a year lies inside that year, so a finished year is never changed by a later one.
import {
  accidentConsequenceTrigger,
  consequenceOf,
  grantedAtOrBelow,
  type ConsequencePlace,
} from "../../lib/domain/consequences";
import { accidentClass, type ConsequenceTrigger, type Level } from "../../lib/domain/rules";
import type {
  DecisionReason,
  DecisionStatus,
  DecisionType,
  HiddenDangerSource,
  SpotCheckConclusion,
  SpotCheckStatus,
  SpotCheckType,
} from "../../lib/generated/prisma/enums";
import type { Authorities, AuthorityRow } from "./authorities";
import { addMonths, yearEnd, yearOf, yearStart } from "./days";
import {
  gradeEnd,
  gradeOn,
  simulateLife,
  type AccidentFact,
  type Incident,
  type Life,
  type LifeGrade,
} from "./lifecycle";
import { producingOn, statusOn, type MineSim } from "./mines";
import { hashRand, Rng } from "./prng";
import { rulesOn } from "./rules";

export const FIRST_YEAR = 2018;

/** Accidents and deaths per year at scale 1 (2020: 123 and 228, domain.md), declining. */
const ACCIDENTS: Record<number, [number, number]> = {
  2018: [140, 250],
  2019: [130, 240],
  2020: [123, 228],
  2021: [105, 200],
  2022: [100, 185],
  2023: [90, 170],
  2024: [80, 150],
  2025: [72, 135],
  2026: [65, 120],
};
/** Confirmed downgrades and revocations effective per year at scale 1 (2020: more than 100). */
const DECISIONS: Record<number, number> = {
  2018: 110,
  2019: 115,
  2020: 120,
  2021: 110,
  2022: 102,
  2023: 95,
  2024: 88,
  2025: 82,
  2026: 78,
};
/** Share of the mines graded during the year that get a spot-check while graded (2020: 38–40%). */
export const COVERAGE: Record<number, number> = {
  2018: 0.33,
  2019: 0.36,
  2020: 0.39,
  2021: 0.4,
  2022: 0.41,
  2023: 0.42,
  2024: 0.41,
  2025: 0.42,
  2026: 0.42,
};

function yearTable<T>(table: Record<number, T>, y: number): T {
  const years = Object.keys(table).map(Number);
  const last = Math.max(...years);
  return table[Math.min(Math.max(y, Math.min(...years)), last)];
}

export type CheckType = SpotCheckType;
export type Conclusion = SpotCheckConclusion;
export type Reason = DecisionReason;

export interface AccidentSim {
  mine: MineSim;
  day: number;
  deaths: number;
  injuries: number;
  kind: number;
  id: number;
}

export interface CheckSim {
  mine: MineSim;
  day: number;
  type: CheckType;
  status: SpotCheckStatus;
  conclusion: Conclusion;
  /** The level the element scores must grade at (null: below Level 3). */
  bandLevel: number | null;
  /** The mine's grade level on the day. */
  gradeLevel: number;
  authority: AuthorityRow;
  id: number;
}

export interface DangerSim {
  mine: MineSim;
  source: HiddenDangerSource;
  day: number;
  check: CheckSim | null;
  kind: number;
  id: number;
}

export interface DecisionSim {
  mine: MineSim;
  type: DecisionType;
  reason: Reason;
  fromLevel: number;
  toLevel: number | null;
  status: DecisionStatus;
  effective: number | null;
  /** The effective day the consequence table gives (the accident's day), for a proposal too. */
  proposedEffective?: number | null;
  proposed: number;
  decided: number | null;
  /** A day on which the targeted grade is in force. */
  gradeDay: number;
  authority: AuthorityRow;
  accident: AccidentSim | null;
  check: CheckSim | null;
  dangers: DangerSim[];
  stoppedSince: number | null;
  withdrawnReason: string | null;
  triggerKind: "ACCIDENT" | "SPOT_CHECK" | "HIDDEN_DANGERS" | "STOPPED" | null;
  id: number;
}

export interface MineState {
  mine: MineSim;
  incidents: Incident[];
  accidents: AccidentFact[];
  life: Life;
}

export interface YearFigures {
  year: number;
  graded: number;
  checked: number;
  decisions: number;
  accidents: number;
  deaths: number;
}

export interface History {
  states: MineState[];
  accidents: AccidentSim[];
  checks: CheckSim[];
  dangers: DangerSim[];
  decisions: DecisionSim[];
  years: YearFigures[];
}

function intervalsIn(life: Life, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (const g of life.grades) {
    const a = Math.max(g.announcedOn, from);
    const b = Math.min(gradeEnd(g), to + 1);
    if (a < b) out.push([a, b]);
  }
  return out;
}

function deathsFor(rng: Rng, n: number, total: number): number[] {
  const deaths = Array.from({ length: n }, () => {
    const r = rng.float();
    if (r < 0.72) return rng.chance(0.65) ? 1 : 2;
    if (r < 0.98) return rng.int(3, 6);
    return rng.int(10, 13);
  });
  let sum = deaths.reduce((a, b) => a + b, 0);
  for (let guard = 0; sum !== total && guard < 100_000; guard++) {
    const i = rng.int(0, n - 1);
    const d = deaths[i];
    if (sum < total) {
      if (d === 1 || (d >= 3 && d <= 8)) {
        deaths[i]++;
        sum++;
      }
    } else if (d === 2 || (d >= 4 && d <= 9) || d >= 11) {
      deaths[i]--;
      sum--;
    } else if (d === 3 && guard > 50_000) {
      deaths[i] = 2;
      sum--;
    }
  }
  return deaths;
}

function split(total: number, shares: [Reason, number][]): Map<Reason, number> {
  const raw = shares.map(([r, s]) => ({ r, v: total * s }));
  const out = new Map(raw.map(({ r, v }) => [r, Math.floor(v)]));
  let left = total - [...out.values()].reduce((a, b) => a + b, 0);
  const order = [...raw].sort((a, b) => b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)));
  for (const { r } of order) {
    if (left <= 0) break;
    out.set(r, (out.get(r) ?? 0) + 1);
    left--;
  }
  return out;
}

export function simulateHistory(
  mines: MineSim[],
  auth: Authorities,
  scale: number,
  today: number,
  placeOf: (provinceCode: string) => ConsequencePlace,
): History {
  const states: MineState[] = mines.map((mine) => ({
    mine,
    incidents: [],
    accidents: [],
    life: { grades: [], pending: null },
  }));
  const resim = (st: MineState) =>
    (st.life = simulateLife(st.mine, st.incidents, st.accidents, today, placeOf(st.mine.provinceCode).grantedLevels));
  states.forEach(resim);

  const accidents: AccidentSim[] = [];
  const checks: CheckSim[] = [];
  const dangers: DangerSim[] = [];
  const decisions: DecisionSim[] = [];
  const years: YearFigures[] = [];
  const todayYear = yearOf(today);

  const addDecision = (d: Omit<DecisionSim, "id">, st: MineState): DecisionSim => {
    const dec: DecisionSim = { ...d, id: 0 };
    decisions.push(dec);
    if (dec.status === "CONFIRMED" && dec.effective !== null) {
      st.incidents.push({ day: dec.effective, type: dec.type, toLevel: dec.toLevel, decision: decisions.length - 1 });
      resim(st);
    }
    return dec;
  };
  const addCheck = (c: Omit<CheckSim, "id" | "authority">): CheckSim => {
    const check: CheckSim = { ...c, authority: auth.forLevel(c.gradeLevel, c.mine), id: 0 };
    checks.push(check);
    return check;
  };
  const addDanger = (mine: MineSim, source: DangerSim["source"], d: number, check: CheckSim | null, rng: Rng) => {
    const danger: DangerSim = { mine, source, day: d, check, kind: rng.int(0, 999), id: 0 };
    dangers.push(danger);
    return danger;
  };
  const sample = (rng: Rng, pred: (st: MineState) => boolean, tries = 6000): MineState | null => {
    for (let t = 0; t < tries; t++) {
      const st = states[rng.int(0, states.length - 1)];
      if (pred(st)) return st;
    }
    return null;
  };
  const decidingAuthority = (level: number, mine: MineSim) => auth.publisherFor(level, mine);
  const hiddenDangerChange = (level: number, mine: MineSim, d: number) => {
    const c = consequence("HIDDEN_DANGERS", level, mine, d);
    return { type: c.toLevel === null ? ("REVOCATION" as const) : ("DOWNGRADE" as const), toLevel: c.toLevel };
  };
  /** The consequence table of the rules in force on day d, in the mine's province (the portal's own lookup). */
  const consequence = (trigger: ConsequenceTrigger, level: number, mine: MineSim, d: number) => {
    const c = consequenceOf(rulesOn(d), placeOf(mine.provinceCode), level as Level, trigger);
    if (!c) throw new Error(`No consequence for ${trigger} at Level ${level} on day ${d}`);
    return c;
  };
  /** The grade in force on day d if it was announced before d (a decision never ends a grade on its first day). */
  const heldBefore = (st: MineState, d: number): LifeGrade | null => {
    const g = gradeOn(st.life, d);
    return g !== null && g.announcedOn < d ? g : null;
  };

  for (let Y = FIRST_YEAR; Y <= todayYear; Y++) {
    const ys = yearStart(Y);
    const ye = Math.min(yearEnd(Y), today);
    const fullYear = yearEnd(Y) - ys + 1;
    const progress = (ye - ys + 1) / fullYear;
    const lastEffective = Y < todayYear ? yearEnd(Y) : today;
    const busy = new Set<number>();
    const hiddenMines = new Set<number>();
    const free = (st: MineState) => !busy.has(st.mine.id) && st.mine.special === null;
    const rng = new Rng(`history:${Y}`);

    // 1. Accidents. A fatal accident at a graded mine is followed by an accident-triggered
    //    spot-check and a decision (the consequence table of the rules then in force, effective from
    //    the accident day where the table says so); a decision taken after today stays PROPOSED.
    const [nAcc0, nDeaths0] = yearTable(ACCIDENTS, Y);
    const nAcc = Math.round(nAcc0 * scale * progress);
    const nDeaths = Math.max(nAcc, Math.round(nDeaths0 * scale * progress));
    const accDays = Array.from({ length: nAcc }, () => rng.int(ys, ye)).sort((a, b) => a - b);
    const accDeaths = deathsFor(rng, nAcc, nDeaths);
    let accDeathSum = 0;
    accDays.forEach((d, i) => {
      const deaths = accDeaths[i];
      const category = rng.weighted([
        ["graded", 0.66],
        ["construction", 0.12],
        ["ungraded", 0.1],
        ["stopped", 0.12],
      ] as const);
      let chosen: MineState | null = null;
      // Decided 12–40 days after the accident, within the year for past years.
      let decidedOn = d + rng.int(12, 40);
      if (Y < todayYear) decidedOn = Math.max(d + 1, Math.min(decidedOn, yearEnd(Y)));
      if (category === "graded") {
        chosen = sample(rng, (st) => {
          if (!free(st) || !producingOn(st.mine, d)) return false;
          return heldBefore(st, d) !== null;
        });
      } else if (category === "construction") {
        chosen = sample(rng, (st) => free(st) && statusOn(st.mine, d) === "NORMAL_CONSTRUCTION");
      } else if (category === "ungraded") {
        chosen = sample(rng, (st) => free(st) && producingOn(st.mine, d) && !gradeOn(st.life, d));
      } else {
        chosen = sample(rng, (st) => free(st) && statusOn(st.mine, d) === "STOPPED" && !gradeOn(st.life, d));
      }
      chosen ??= sample(rng, (st) => free(st) && producingOn(st.mine, d) && !gradeOn(st.life, d));
      if (!chosen) return;
      const st = chosen;
      busy.add(st.mine.id);
      const cls = accidentClass(deaths);
      const kind =
        cls === "ORDINARY"
          ? rng.weighted([
              [0, 35],
              [2, 22],
              [3, 12],
              [5, 6],
              [7, 15],
              [1, 5],
              [4, 5],
            ] as const)
          : rng.weighted([
              [1, 45],
              [4, 25],
              [6, 10],
              [0, 20],
            ] as const);
      const acc: AccidentSim = {
        mine: st.mine,
        day: d,
        deaths,
        injuries: rng.chance(0.4) ? rng.int(1, 4) : 0,
        kind,
        id: 0,
      };
      accidents.push(acc);
      accDeathSum += deaths;
      st.accidents.push({ day: d, deaths });
      resim(st); // the accident is a veto fact from now on
      const g = gradeOn(st.life, d);
      if (category === "graded" && g && cls) {
        const c = consequence(accidentConsequenceTrigger(cls), g.level, st.mine, d);
        const downgrade = c.toLevel !== null;
        // The table's effective day, else the day of the decision.
        const effective = c.effectiveFromEvent ? d : decidedOn;
        const checkDay = d + (decidedOn - d < 2 ? 1 : rng.int(1, Math.min(7, decidedOn - d - 1)));
        let check: CheckSim | null = null;
        if (checkDay <= today) {
          check = addCheck({
            mine: st.mine,
            day: checkDay,
            type: "ACCIDENT_TRIGGERED",
            status: "COMPLETED",
            conclusion: downgrade ? "DOWNGRADE_PROPOSED" : "REVOCATION_PROPOSED",
            bandLevel: c.toLevel,
            gradeLevel: g.level,
          });
        }
        const confirmed = decidedOn <= today;
        addDecision(
          {
            mine: st.mine,
            type: downgrade ? "DOWNGRADE" : "REVOCATION",
            reason: "FATAL_ACCIDENT",
            fromLevel: g.level,
            toLevel: c.toLevel,
            status: confirmed ? "CONFIRMED" : "PROPOSED",
            effective: confirmed ? effective : null,
            proposedEffective: c.effectiveFromEvent ? d : null,
            proposed: Math.min(today, d + 1),
            decided: confirmed ? decidedOn : null,
            gradeDay: d,
            authority: decidingAuthority(g.level, st.mine),
            accident: acc,
            check,
            dangers: [],
            stoppedSince: null,
            withdrawnReason: null,
            triggerKind: "ACCIDENT",
          },
          st,
        );
      }
    });

    // 2. The other decisions fill the year's quota.
    const confirmedInYear = () =>
      decisions.filter(
        (x) => x.status === "CONFIRMED" && x.effective !== null && x.effective >= ys && x.effective <= ye,
      ).length;
    const quota = Math.round(yearTable(DECISIONS, Y) * scale * progress);
    const others = Math.max(Math.round(quota * 0.15), quota - confirmedInYear());
    const hiddenOk = ye - ys >= 200;
    const shares = split(others, [
      ["HIDDEN_DANGERS", hiddenOk ? 0.35 : 0],
      ["MANAGEMENT_SLIDE", hiddenOk ? 0.35 : 0.7],
      ["PRODUCTION_STOPPED", 0.2],
      ["FALSIFICATION", 0.1],
    ]);

    for (let k = 0; k < (shares.get("HIDDEN_DANGERS") ?? 0); k++) {
      const E = rng.int(ys + 190, ye);
      const st = sample(rng, (s) => free(s) && producingOn(s.mine, E) && heldBefore(s, E) !== null);
      if (!st) continue;
      const g = gradeOn(st.life, E) as LifeGrade;
      busy.add(st.mine.id);
      hiddenMines.add(st.mine.id);
      const nReg = rng.int(2, 4);
      const regs = Array.from({ length: nReg }, () =>
        addDanger(st.mine, "REGULATOR", rng.int(E - 170, E - 20), null, rng),
      );
      const nSelf = rng.int(0, nReg - 1);
      for (let j = 0; j < nSelf; j++) addDanger(st.mine, "SELF_REPORTED", rng.int(E - 170, E - 20), null, rng);
      addDecision(
        {
          mine: st.mine,
          ...hiddenDangerChange(g.level, st.mine, E),
          reason: "HIDDEN_DANGERS",
          fromLevel: g.level,
          status: "CONFIRMED",
          effective: E,
          proposed: E - 15,
          decided: E - rng.int(1, 5),
          gradeDay: E,
          authority: decidingAuthority(g.level, st.mine),
          accident: null,
          check: null,
          dangers: regs,
          stoppedSince: null,
          withdrawnReason: null,
          triggerKind: "HIDDEN_DANGERS",
        },
        st,
      );
    }

    for (let k = 0; k < (shares.get("MANAGEMENT_SLIDE") ?? 0); k++) {
      if (ye - ys < 40) break;
      const c = rng.int(ys, ye - 25);
      const E = Math.min(lastEffective, c + rng.int(20, 50));
      if (E - c < 10) continue;
      const st = sample(rng, (s) => {
        if (!free(s) || !producingOn(s.mine, c)) return false;
        const g = gradeOn(s.life, c);
        return g !== null && gradeOn(s.life, E) === g;
      });
      if (!st) continue;
      const g = gradeOn(st.life, c) as LifeGrade;
      busy.add(st.mine.id);
      // The level the scores reach (now and then two levels down), or the next worse one the province grants.
      const reached = g.level < 3 ? (g.level === 1 && rng.chance(0.1) ? 3 : g.level + 1) : null;
      const toLevel =
        reached === null ? null : grantedAtOrBelow(reached as Level, placeOf(st.mine.provinceCode).grantedLevels);
      const downgrade = toLevel !== null;
      const check = addCheck({
        mine: st.mine,
        day: c,
        type: rng.chance(0.4) ? "RE_REVIEW" : "ROUTINE",
        status: "COMPLETED",
        conclusion: downgrade ? "DOWNGRADE_PROPOSED" : "REVOCATION_PROPOSED",
        bandLevel: toLevel,
        gradeLevel: g.level,
      });
      addDecision(
        {
          mine: st.mine,
          type: downgrade ? "DOWNGRADE" : "REVOCATION",
          reason: "MANAGEMENT_SLIDE",
          fromLevel: g.level,
          toLevel,
          status: "CONFIRMED",
          effective: E,
          proposed: c + 1,
          decided: Math.max(c + 2, E - rng.int(1, 5)),
          gradeDay: c,
          authority: decidingAuthority(g.level, st.mine),
          accident: null,
          check,
          dangers: [],
          stoppedSince: null,
          withdrawnReason: null,
          triggerKind: "SPOT_CHECK",
        },
        st,
      );
    }

    {
      // Production stopped more than six months while graded: revoked.
      const candidates: { st: MineState; E: number; since: number }[] = [];
      for (const st of states) {
        if (!free(st)) continue;
        for (const p of st.mine.periods) {
          if (p.status !== "STOPPED") continue;
          const E = addMonths(p.start, 6) + Math.floor(hashRand(st.mine.id, "stopped", p.start) * 60);
          if (E < ys || E > ye || (p.end !== null && p.end <= E)) continue;
          if (heldBefore(st, E) === null) continue;
          candidates.push({ st, E, since: p.start });
          break;
        }
      }
      rng.shuffle(candidates);
      const n = Math.min(candidates.length, shares.get("PRODUCTION_STOPPED") ?? 0);
      for (let k = 0; k < n; k++) {
        const { st, E, since } = candidates[k];
        const g = gradeOn(st.life, E) as LifeGrade;
        busy.add(st.mine.id);
        const c = consequence("PRODUCTION_STOPPED", g.level, st.mine, E);
        addDecision(
          {
            mine: st.mine,
            type: c.toLevel === null ? "REVOCATION" : "DOWNGRADE",
            reason: "PRODUCTION_STOPPED",
            fromLevel: g.level,
            toLevel: c.toLevel,
            status: "CONFIRMED",
            effective: E,
            proposed: E - 10,
            decided: E - rng.int(1, 5),
            gradeDay: E,
            authority: decidingAuthority(g.level, st.mine),
            accident: null,
            check: null,
            dangers: [],
            stoppedSince: since,
            withdrawnReason: null,
            triggerKind: "STOPPED",
          },
          st,
        );
      }
      // Fewer long-stopped graded mines than the share: the rest are falsification cases.
      const missing = (shares.get("PRODUCTION_STOPPED") ?? 0) - n;
      shares.set("FALSIFICATION", (shares.get("FALSIFICATION") ?? 0) + missing);
    }

    for (let k = 0; k < (shares.get("FALSIFICATION") ?? 0); k++) {
      const E = rng.int(Math.min(ye, ys + 30), ye);
      const st = sample(rng, (s) => free(s) && producingOn(s.mine, E) && heldBefore(s, E) !== null);
      if (!st) continue;
      const g = gradeOn(st.life, E) as LifeGrade;
      busy.add(st.mine.id);
      addDecision(
        {
          mine: st.mine,
          type: "REVOCATION",
          reason: "FALSIFICATION",
          fromLevel: g.level,
          toLevel: null,
          status: "CONFIRMED",
          effective: E,
          proposed: E - 20,
          decided: E - rng.int(1, 5),
          gradeDay: E,
          authority: decidingAuthority(g.level, st.mine),
          accident: null,
          check: null,
          dangers: [],
          stoppedSince: null,
          withdrawnReason: null,
          triggerKind: null,
        },
        st,
      );
    }

    // 3. Withdrawn proposals (hidden dangers that the mine had reported itself), and this year's
    //    open proposals.
    const withdrawals = Math.round(5 * scale * progress);
    for (let k = 0; k < withdrawals && ye - ys > 60; k++) {
      const p = rng.int(ys + 160, Math.max(ys + 160, ye - 30));
      if (p + 10 > today) continue;
      const st = sample(rng, (s) => free(s) && producingOn(s.mine, p) && gradeOn(s.life, p) !== null);
      if (!st) continue;
      const g = gradeOn(st.life, p) as LifeGrade;
      busy.add(st.mine.id);
      hiddenMines.add(st.mine.id);
      const nReg = rng.int(2, 3);
      const regs = Array.from({ length: nReg }, () =>
        addDanger(st.mine, "REGULATOR", rng.int(p - 150, p - 5), null, rng),
      );
      for (let j = 0; j < nReg; j++) addDanger(st.mine, "SELF_REPORTED", rng.int(p - 150, p - 5), null, rng);
      addDecision(
        {
          mine: st.mine,
          ...hiddenDangerChange(g.level, st.mine, p),
          reason: "HIDDEN_DANGERS",
          fromLevel: g.level,
          status: "WITHDRAWN",
          effective: null,
          proposed: p,
          decided: Math.min(today, p + rng.int(10, 25)),
          gradeDay: p,
          authority: decidingAuthority(g.level, st.mine),
          accident: null,
          check: null,
          dangers: regs,
          stoppedSince: null,
          withdrawnReason: "复核发现企业已自查上报同等数量的重大事故隐患，不满足降级条件，撤回建议。",
          triggerKind: "HIDDEN_DANGERS",
        },
        st,
      );
    }
    if (Y === todayYear) {
      for (let k = 0; k < Math.max(1, Math.round(3 * scale)); k++) {
        const p = rng.int(today - 40, today - 2);
        const st = sample(rng, (s) => free(s) && producingOn(s.mine, p) && gradeOn(s.life, p) !== null);
        if (!st) continue;
        const g = gradeOn(st.life, p) as LifeGrade;
        busy.add(st.mine.id);
        hiddenMines.add(st.mine.id);
        const nReg = rng.int(2, 3);
        const regs = Array.from({ length: nReg }, () =>
          addDanger(st.mine, "REGULATOR", rng.int(p - 150, p - 3), null, rng),
        );
        const nSelf = rng.int(0, nReg - 1);
        for (let j = 0; j < nSelf; j++) addDanger(st.mine, "SELF_REPORTED", rng.int(p - 150, p - 3), null, rng);
        addDecision(
          {
            mine: st.mine,
            ...hiddenDangerChange(g.level, st.mine, p),
            reason: "HIDDEN_DANGERS",
            fromLevel: g.level,
            status: "PROPOSED",
            effective: null,
            proposed: p,
            decided: null,
            gradeDay: p,
            authority: decidingAuthority(g.level, st.mine),
            accident: null,
            check: null,
            dangers: regs,
            stoppedSince: null,
            withdrawnReason: null,
            triggerKind: "HIDDEN_DANGERS",
          },
          st,
        );
      }
    }

    // 4. Spot-checks: fill the coverage quota over the final grade histories of the year.
    const gradedStates: { st: MineState; iv: [number, number][] }[] = [];
    for (const st of states) {
      const iv = intervalsIn(st.life, ys, ye);
      if (iv.length > 0) gradedStates.push({ st, iv });
    }
    const checkedIds = new Set<number>();
    const ivById = new Map(gradedStates.map((x) => [x.st.mine.id, x.iv]));
    for (const c of checks) {
      if (c.status !== "COMPLETED" || c.day < ys || c.day > ye) continue;
      const iv = ivById.get(c.mine.id);
      if (iv && iv.some(([a, b]) => a <= c.day && c.day < b)) checkedIds.add(c.mine.id);
    }
    const coverageProgress = Y < todayYear ? 1 : progress;
    const target = Math.round(yearTable(COVERAGE, Y) * gradedStates.length * coverageProgress);
    const pool = gradedStates.filter((x) => !checkedIds.has(x.st.mine.id));
    // Regulators favour producing mines; the manager's demo mine is checked every other year.
    const keyed = pool.map((x) => {
      const producing = x.iv.some(([a, b]) => producingOn(x.st.mine, a) || producingOn(x.st.mine, b - 1));
      const forced = x.st.mine.special === "manager" && Y % 2 === 1;
      return { x, key: forced ? -1 : rng.float() + (producing ? 0 : 0.6) };
    });
    keyed.sort((a, b) => a.key - b.key || a.x.st.mine.id - b.x.st.mine.id);
    const need = Math.max(0, target - checkedIds.size);
    for (let k = 0; k < Math.min(need, keyed.length); k++) {
      const { st, iv } = keyed[k].x;
      const total = iv.reduce((s, [a, b]) => s + (b - a), 0);
      let chosenDay = -1;
      for (let t = 0; t < 12; t++) {
        let off = rng.int(0, total - 1);
        let d = iv[0][0];
        for (const [a, b] of iv) {
          if (off < b - a) {
            d = a + off;
            break;
          }
          off -= b - a;
        }
        if (chosenDay < 0) chosenDay = d;
        if (producingOn(st.mine, d)) {
          chosenDay = d;
          break;
        }
      }
      const g = gradeOn(st.life, chosenDay) as LifeGrade;
      const findsDanger = !hiddenMines.has(st.mine.id) && st.mine.special === null && rng.chance(0.05);
      const rectification = findsDanger || rng.chance(0.12);
      const check = addCheck({
        mine: st.mine,
        day: chosenDay,
        type: rng.chance(0.1) ? "RE_REVIEW" : "ROUTINE",
        status: "COMPLETED",
        conclusion: rectification ? "RECTIFICATION_ORDERED" : "GRADE_MAINTAINED",
        bandLevel: g.level,
        gradeLevel: g.level,
      });
      checkedIds.add(st.mine.id);
      if (findsDanger) {
        // A major hidden danger found by the check; the mine had reported at least as many itself.
        addDanger(st.mine, "REGULATOR", chosenDay, check, rng);
        const nSelf = rng.int(1, 2);
        for (let j = 0; j < nSelf; j++) addDanger(st.mine, "SELF_REPORTED", chosenDay - rng.int(5, 150), null, rng);
      }
    }
    if (Y === todayYear) {
      // A few checks still being written up.
      for (let k = 0; k < Math.max(1, Math.round(3 * scale)); k++) {
        const d = rng.int(today - 6, today);
        const st = sample(rng, (s) => s.mine.special === null && producingOn(s.mine, d) && gradeOn(s.life, d) !== null);
        if (!st) continue;
        const g = gradeOn(st.life, d) as LifeGrade;
        addCheck({
          mine: st.mine,
          day: d,
          type: "ROUTINE",
          status: "DRAFT",
          conclusion: "GRADE_MAINTAINED",
          bandLevel: g.level,
          gradeLevel: g.level,
        });
      }
    }

    // 5. Major hidden dangers the mines reported themselves.
    for (const st of states) {
      if (hiddenMines.has(st.mine.id)) continue;
      const u = hashRand(st.mine.id, "self-dangers", Y);
      const n = u < 0.55 ? 0 : u < 0.8 ? 1 : u < 0.93 ? 2 : 3;
      for (let j = 0; j < n; j++) {
        const d = ys + Math.floor(hashRand(st.mine.id, "self-danger-day", Y, j) * (ye - ys + 1));
        if (producingOn(st.mine, d)) addDanger(st.mine, "SELF_REPORTED", d, null, rng);
      }
    }

    years.push({
      year: Y,
      graded: gradedStates.length,
      checked: checkedIds.size,
      decisions: confirmedInYear(),
      accidents: accDays.length,
      deaths: accDeathSum,
    });
  }
  return { states, accidents, checks, dangers, decisions, years };
}

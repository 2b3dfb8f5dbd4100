// Official documents (issue 15.4) against the real database, rendered to real PDFs and read back with
// poppler's pdftotext and pdffonts: the Chinese title, the document number and the mine name are in
// the text, and the CJK font is embedded as a subset. Each document is read with the reach of the
// record it prints: a decision letter only for a confirmed decision (public, like the register), an
// announcement only for grades announced up to today, a spot-check report only within the caller's scope.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { announcementData, decisionLetterData, spotCheckReportData } from "@/lib/server/data/documents";
import {
  announcementDocument,
  decisionLetterDocument,
  spotCheckReportDocument,
  spotCheckReportNumber,
} from "@/lib/server/documents/model";
import { renderPdf } from "@/lib/server/documents/pdf";
import { testDb } from "../support/db";
import {
  createApplication,
  createDecision,
  createGrade,
  createHiddenDanger,
  createMine,
  createSpotCheck,
  createUser,
  type TestMine,
} from "../support/factories";

const db = testDb();
const today = todayInChina();
const ago = (days: number) => addDays(today, -days);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "documents-test-"));

/** The PDF's text as pdftotext extracts it, and its fonts as pdffonts lists them. */
function readPdf(bytes: Buffer, name: string): { text: string; fonts: string } {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return {
    text: execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }),
    fonts: execFileSync("pdffonts", [file], { encoding: "utf8" }),
  };
}

/** pdffonts' rows: every font embedded (emb yes) as a subset (sub yes, name prefixed XXXXXX+). */
function expectSubsetCjkFont(fonts: string) {
  const rows = fonts
    .split("\n")
    .slice(2)
    .filter((l) => l.trim() !== "");
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row).toMatch(/^[A-Z]{6}\+NotoSansSC-/);
    // name, type, encoding, then emb sub uni (yes/no each)
    const [emb, sub] = row.trim().split(/\s+/).slice(-5, -3);
    expect({ row, emb, sub }).toEqual({ row, emb: "yes", sub: "yes" });
  }
}

/** Text as pdftotext lays it out, without the line breaks and spaces it puts into long runs. */
const flat = (s: string) => s.replace(/\s+/g, "");

let own: TestMine;
let other: TestMine;
const callers = {} as Record<"nmsa" | "shanxi" | "datong" | "guizhouProvince" | "manager" | "otherManager", Caller>;

beforeAll(async () => {
  own = await createMine(db, { name: "文书测试甲煤矿" });
  other = await createMine(db, { name: "文书测试乙煤矿" });
  callers.nmsa = await createUser(db, "NATIONAL_REGULATOR");
  callers.shanxi = await createUser(db, "PROVINCIAL_REGULATOR", { jurisdiction: "14" });
  callers.datong = await createUser(db, "LOCAL_REGULATOR", { jurisdiction: "1402" });
  callers.guizhouProvince = await createUser(db, "PROVINCIAL_REGULATOR", { jurisdiction: "52" });
  callers.manager = await createUser(db, "MINE_MANAGER", { mine: own });
  callers.otherManager = await createUser(db, "MINE_MANAGER", { mine: other });
});
afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("decision letter (处理决定书)", () => {
  it("prints a confirmed decision: title, number, mine, legal basis, in a subset CJK font", async () => {
    const app = await createApplication(db, own, {
      appliedLevel: 2,
      state: "ANNOUNCED",
      submittedOn: ago(400),
      announcedOn: ago(300),
      today,
    });
    const decision = await createDecision(db, own, app.grade!, {
      type: "DOWNGRADE",
      reason: "FATAL_ACCIDENT",
      status: "CONFIRMED",
      toLevel: 3,
      proposedOn: ago(30),
      effectiveOn: ago(20),
    });
    const data = await decisionLetterData(decision.id, { db });
    expect(data).not.toBeNull();
    const stored = await db.decision.findUniqueOrThrow({ where: { id: decision.id } });
    expect(data!.number).toBe(stored.number);
    expect(data!.mine.name).toBe("文书测试甲煤矿");

    const doc = decisionLetterDocument(data!, "zh-CN");
    const { text, fonts } = readPdf(await renderPdf(doc), "letter-zh");
    const t = flat(text);
    expect(t).toContain("处理决定书");
    expect(t).toContain(flat(stored.number!));
    expect(t).toContain("文书测试甲煤矿");
    expect(t).toContain("由二级降为三级");
    // No legal basis stored on the decision: the rule version's name and document number stand in.
    const rule = await db.ruleVersion.findFirstOrThrow({ where: { grades: { some: { id: app.grade!.id } } } });
    expect(t).toContain(flat(rule.nameZh));
    expect(t).toContain(flat(rule.documentNo!));
    // The authority that graded Level 2 (the province) issues it.
    const authority = await db.authority.findUniqueOrThrow({ where: { id: stored.authorityId! } });
    expect(t).toContain(flat(authority.nameZh));
    expectSubsetCjkFont(fonts);

    // An English reader: English labels, the Chinese title, name and number as issued.
    const en = flat(readPdf(await renderPdf(decisionLetterDocument(data!, "en")), "letter-en").text);
    expect(en).toContain(flat("Decision letter (处理决定书)"));
    expect(en).toContain("文书测试甲煤矿");
    expect(en).toContain(flat(stored.number!));
    expect(en).toContain(flat("from Level 2 to Level 3"));
  });

  it("prints the decision's own legal basis when it has one, and a revocation as one", async () => {
    const grade = await createGrade(db, other, { level: 3, announcedOn: ago(500) });
    const decision = await createDecision(db, other, grade, {
      type: "REVOCATION",
      reason: "PRODUCTION_STOPPED",
      status: "CONFIRMED",
      proposedOn: ago(10),
      effectiveOn: ago(5),
    });
    await db.decision.update({ where: { id: decision.id }, data: { legalBasis: "《测试办法》第九十九条" } });
    const data = await decisionLetterData(decision.id, { db });
    const t = flat(readPdf(await renderPdf(decisionLetterDocument(data!, "zh-CN")), "revocation").text);
    expect(t).toContain("《测试办法》第九十九条");
    expect(t).toContain("撤消你矿安全生产标准化三级等级");
  });

  it("does not exist for a proposed or withdrawn decision, or an unknown id", async () => {
    const mine = await createMine(db);
    const grade = await createGrade(db, mine, { level: 2, announcedOn: ago(200) });
    const proposed = await createDecision(db, mine, grade, {
      type: "DOWNGRADE",
      reason: "HIDDEN_DANGERS",
      status: "PROPOSED",
      proposedOn: ago(3),
    });
    const withdrawn = await createDecision(db, mine, grade, {
      type: "DOWNGRADE",
      reason: "HIDDEN_DANGERS",
      status: "WITHDRAWN",
      proposedOn: ago(4),
    });
    expect(await decisionLetterData(proposed.id, { db })).toBeNull();
    expect(await decisionLetterData(withdrawn.id, { db })).toBeNull();
    expect(await decisionLetterData(2_000_000_000, { db })).toBeNull();
    expect(await decisionLetterData(0, { db })).toBeNull();
  });
});

describe("grade announcement (公告)", () => {
  it("lists every mine announced under the number, and only those announced up to today", async () => {
    const number = `文书测试公告〔${today.slice(0, 4)}〕${Date.now() % 100000}号`;
    const first = await createMine(db, { name: "文书测试公告一矿" });
    const second = await createMine(db, { countyCode: "520281", name: "文书测试公告二矿" });
    await createGrade(db, first, { level: 1, announcedOn: ago(900), announcementNo: number });
    await createGrade(db, second, { level: 2, announcedOn: ago(900), announcementNo: number });
    const data = await announcementData(number, { db, today });
    expect(data).not.toBeNull();
    expect(data!.items.map((i) => i.mine.code).sort()).toEqual([first.code, second.code].sort());

    const { text, fonts } = readPdf(await renderPdf(announcementDocument(data!, "zh-CN")), "announcement");
    const t = flat(text);
    expect(t).toContain("公告");
    expect(t).toContain(flat(number));
    expect(t).toContain("文书测试公告一矿");
    expect(t).toContain("文书测试公告二矿");
    expect(t).toContain("2处煤矿");
    expectSubsetCjkFont(fonts);

    // A day before it was announced there was nothing to read under it.
    expect(await announcementData(number, { db, today: ago(901) })).toBeNull();
    expect(await announcementData(`${number}-无此号`, { db, today })).toBeNull();
  });
});

describe("spot-check report (抽查报告)", () => {
  it("prints scores, findings and the conclusion for a reader in scope", async () => {
    const check = await createSpotCheck(db, own, {
      checkedOn: ago(15),
      level: 2,
      conclusion: "RECTIFICATION_ORDERED",
      findings: [{ text: "文书测试：通风记录缺失", severity: "MAJOR", rectifyBy: ago(1) }],
    });
    await createHiddenDanger(db, own, {
      foundOn: ago(15),
      spotCheckId: check.id,
      description: "文书测试：瓦斯超限作业",
    });
    for (const who of ["nmsa", "shanxi", "datong", "manager"] as const) {
      expect(await spotCheckReportData(callers[who], own.code, check.id, { db }), who).not.toBeNull();
    }
    const data = (await spotCheckReportData(callers.datong, own.code, check.id, { db }))!;
    const { text, fonts } = readPdf(await renderPdf(spotCheckReportDocument(data, "zh-CN")), "report");
    const t = flat(text);
    expect(t).toContain("抽查报告");
    expect(t).toContain(flat(spotCheckReportNumber("zh-CN", ago(15), check.id)));
    expect(t).toContain("文书测试甲煤矿");
    expect(t).toContain("文书测试：通风记录缺失");
    expect(t).toContain("文书测试：瓦斯超限作业");
    expect(t).toContain("抽查结论：责令整改");
    expect(t).toContain(data.spotCheck.total.toFixed(2));
    // Every part's score is printed.
    expect(data.parts.length).toBeGreaterThan(0);
    for (const p of data.parts) if (p.score !== null) expect(t).toContain(p.score.toFixed(2));
    expectSubsetCjkFont(fonts);
  });

  it("does not exist outside the caller's scope, for another mine's URL, or as a draft for a manager", async () => {
    const check = await createSpotCheck(db, own, { checkedOn: ago(12), level: 3 });
    expect(await spotCheckReportData(callers.guizhouProvince, own.code, check.id, { db })).toBeNull();
    expect(await spotCheckReportData(callers.otherManager, own.code, check.id, { db })).toBeNull();
    // The spot-check belongs to `own`, not to `other`, even for a reader who sees both.
    expect(await spotCheckReportData(callers.shanxi, other.code, check.id, { db })).toBeNull();
    const draft = await createSpotCheck(db, own, { checkedOn: ago(11), level: 3, status: "DRAFT" });
    expect(await spotCheckReportData(callers.manager, own.code, draft.id, { db })).toBeNull();
    expect(await spotCheckReportData(callers.datong, own.code, draft.id, { db })).not.toBeNull();
  });
});

import type { Locale } from "@/lib/i18n/config";
import { translatorFor, type Translate } from "@/lib/i18n/translator";
import type { AnnouncementData, DecisionLetterData, SpotCheckReportData } from "@/lib/server/data/documents";

// One model of an official document, rendered twice: as the print-styled HTML view
// (components/documents/official-document.tsx) and as the PDF (./pdf.ts), so both always carry the
// same text. The layout follows the Chinese official-document convention (GB/T 9704): the issuing
// authority at the head, the document number under it, the title, the addressee, the body, the
// authority and the date at the foot. The text is in the reader's language; the official names
// (mine, authority, legal basis) are printed as issued, in Chinese, with the English name beside
// them for an English reader.

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "fields"; rows: { label: string; value: string }[] }
  | { kind: "table"; caption: string; head: string[]; rows: string[][]; widths: number[] };

export interface OfficialDocument {
  locale: Locale;
  /** The issuing authority (发文机关), printed at the head and signed at the foot. */
  authority: string;
  number: string;
  title: string;
  subtitle: string | null;
  addressee: string | null;
  blocks: Block[];
  /** The date at the foot, formatted. */
  dated: string;
}

/** A date "YYYY-MM-DD" as an official document prints it (2026年12月6日). */
export function formatDocDate(t: Translate, iso: string | null): string {
  if (!iso) return t("documents.none");
  const [year, month, day] = iso.split("-");
  // {month} and {day} without a leading zero (2026年12月6日), {mm} and {dd} with one (2026-12-06).
  return t("documents.date", { year, month: String(Number(month)), day: String(Number(day)), mm: month, dd: day });
}

/** A name as issued (Chinese), with its English name beside it for an English reader. */
function named(locale: Locale, zh: string, en: string | null | undefined): string {
  return locale === "en" && en && en !== zh ? `${en} (${zh})` : zh;
}

function regionText(locale: Locale, path: { nameZh: string; nameEn: string }[]): string {
  return locale === "en" ? path.map((r) => r.nameEn).join(", ") : path.map((r) => r.nameZh).join("");
}

function legalBasisOf(
  t: Translate,
  stored: string | null,
  rule: { nameZh: string; documentNo: string | null } | null,
): string {
  if (stored) return stored;
  if (!rule) return t("documents.none");
  return rule.documentNo
    ? t("documents.legalBasisOf", { name: rule.nameZh, documentNo: rule.documentNo })
    : t("documents.legalBasisName", { name: rule.nameZh });
}

function levelText(t: Translate, level: number | null): string {
  return level === null ? t("grade.none") : t("grade.level", { level });
}

export function decisionLetterDocument(d: DecisionLetterData, locale: Locale): OfficialDocument {
  const t = translatorFor(locale);
  const authority = d.authority ? named(locale, d.authority.nameZh, d.authority.nameEn) : t("documents.none");
  const mine = named(locale, d.mine.name, d.mine.nameEn);
  const legalBasis = legalBasisOf(t, d.legalBasis, d.ruleVersion);
  const type = t(`enums.decisionType.${d.type}`);
  const reason = t(`enums.decisionReason.${d.reason}`);
  const from = levelText(t, d.fromLevel);
  const effectiveOn = formatDocDate(t, d.effectiveOn);
  const number = d.number ?? t("documents.none");
  return {
    locale,
    authority,
    number,
    title: t("documents.letter.title"),
    subtitle: t("documents.letter.subtitle", { type }),
    addressee: t("documents.letter.addressee", { mine }),
    blocks: [
      {
        kind: "paragraph",
        text: t("documents.letter.facts", {
          level: levelText(t, d.grade.level),
          announcementNo: d.grade.announcementNo,
          announcedOn: formatDocDate(t, d.grade.announcedOn),
          reason,
        }),
      },
      {
        kind: "paragraph",
        text:
          d.type === "DOWNGRADE" && d.toLevel !== null
            ? t("documents.letter.downgrade", { legalBasis, from, to: levelText(t, d.toLevel), effectiveOn })
            : t("documents.letter.revocation", { legalBasis, from, effectiveOn }),
      },
      { kind: "paragraph", text: t("documents.letter.remedy") },
      { kind: "heading", text: t("documents.letter.details") },
      {
        kind: "fields",
        rows: [
          { label: t("documents.letter.field.number"), value: number },
          { label: t("documents.letter.field.mine"), value: mine },
          { label: t("documents.letter.field.code"), value: d.mine.code },
          {
            label: t("documents.letter.field.enterprise"),
            value: d.mine.enterprise
              ? named(locale, d.mine.enterprise.name, d.mine.enterprise.nameEn)
              : t("documents.none"),
          },
          { label: t("documents.letter.field.region"), value: regionText(locale, d.mine.region) },
          { label: t("documents.letter.field.type"), value: type },
          { label: t("documents.letter.field.fromLevel"), value: from },
          {
            label: t("documents.letter.field.toLevel"),
            value: d.toLevel === null ? t("grade.revoked") : levelText(t, d.toLevel),
          },
          { label: t("documents.letter.field.reason"), value: reason },
          { label: t("documents.letter.field.legalBasis"), value: legalBasis },
          { label: t("documents.letter.field.effectiveOn"), value: effectiveOn },
          { label: t("documents.letter.field.decidedOn"), value: formatDocDate(t, d.decidedOn) },
        ],
      },
    ],
    dated: formatDocDate(t, d.decidedOn ?? d.effectiveOn),
  };
}

export function announcementDocument(a: AnnouncementData, locale: Locale): OfficialDocument {
  const t = translatorFor(locale);
  const legalBasis = legalBasisOf(t, a.legalBasis, a.ruleVersion);
  return {
    locale,
    authority: named(locale, a.authority.nameZh, a.authority.nameEn),
    number: a.number,
    title: t("documents.announcement.title"),
    subtitle: t("documents.announcement.subtitle"),
    addressee: null,
    blocks: [
      { kind: "paragraph", text: t("documents.announcement.intro", { legalBasis, count: a.items.length }) },
      {
        kind: "table",
        caption: t("documents.announcement.tableCaption"),
        head: [
          t("documents.announcement.col.index"),
          t("documents.announcement.col.mine"),
          t("documents.announcement.col.code"),
          t("documents.announcement.col.region"),
          t("documents.announcement.col.enterprise"),
          t("documents.announcement.col.level"),
          t("documents.announcement.col.validity"),
        ],
        widths: [0.06, 0.19, 0.13, 0.17, 0.17, 0.07, 0.21],
        rows: a.items.map((g, i) => [
          String(i + 1),
          named(locale, g.mine.name, g.mine.nameEn),
          g.mine.code,
          regionText(locale, g.mine.region),
          g.mine.enterprise ? named(locale, g.mine.enterprise.name, g.mine.enterprise.nameEn) : t("documents.none"),
          levelText(t, g.level),
          t("documents.announcement.validity", {
            from: formatDocDate(t, g.validFrom),
            to: formatDocDate(t, g.validUntil),
          }),
        ]),
      },
      { kind: "paragraph", text: t("documents.announcement.closing") },
    ],
    dated: formatDocDate(t, a.announcedOn),
  };
}

/** The report's number: the year checked and the spot-check's id (spot-checks carry no number of their own). */
export function spotCheckReportNumber(locale: Locale, checkedOn: string, id: number): string {
  return translatorFor(locale)("documents.report.number", { year: checkedOn.slice(0, 4), id: String(id) });
}

function score(n: number | null, t: Translate): string {
  return n === null ? t("documents.report.notApplicable") : n.toFixed(2);
}

export function spotCheckReportDocument(r: SpotCheckReportData, locale: Locale): OfficialDocument {
  const t = translatorFor(locale);
  const s = r.spotCheck;
  const authority = named(locale, s.authority.nameZh, s.authority.nameEn);
  const mine = named(locale, r.mine.name, r.mine.nameEn);
  const legalBasis = legalBasisOf(t, null, r.rule);
  const type = t(`enums.spotCheckType.${s.type}`);
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: t("documents.report.intro", { authority, date: formatDocDate(t, s.checkedOn), mine, type, legalBasis }),
    },
  ];
  if (s.status !== "COMPLETED") blocks.push({ kind: "paragraph", text: t("documents.report.draft") });
  blocks.push(
    { kind: "heading", text: t("documents.report.summary") },
    {
      kind: "fields",
      rows: [
        { label: t("documents.report.field.mine"), value: mine },
        { label: t("documents.report.field.code"), value: r.mine.code },
        { label: t("documents.report.field.checkedOn"), value: formatDocDate(t, s.checkedOn) },
        { label: t("documents.report.field.type"), value: type },
        { label: t("documents.report.field.authority"), value: authority },
        { label: t("documents.report.field.team"), value: s.team },
        { label: t("documents.report.field.rules"), value: legalBasis },
        { label: t("documents.report.field.total"), value: s.total.toFixed(2) },
        {
          label: t("documents.report.field.level"),
          value: s.level === null ? t("documents.report.field.noLevel") : levelText(t, s.level),
        },
      ],
    },
    { kind: "heading", text: t("documents.report.scores") },
  );
  if (r.parts.length > 0) {
    blocks.push({
      kind: "table",
      caption: t("documents.report.parts"),
      head: [t("documents.report.col.part"), t("documents.report.col.weight"), t("documents.report.col.score")],
      widths: [0.6, 0.2, 0.2],
      rows: r.parts.map((p) => [locale === "en" ? p.nameEn : p.nameZh, p.weight.toFixed(2), score(p.score, t)]),
    });
  }
  blocks.push({
    kind: "table",
    caption: t("documents.report.elements"),
    head: [t("documents.report.col.element"), t("documents.report.col.weight"), t("documents.report.col.score")],
    widths: [0.6, 0.2, 0.2],
    rows: r.elements.map((e) => [
      locale === "en" ? e.nameEn : e.nameZh,
      e.weight.toFixed(2),
      !e.recorded
        ? t("documents.report.notRecorded")
        : e.notApplicable
          ? t("documents.report.notApplicable")
          : score(e.score, t),
    ]),
  });
  blocks.push({ kind: "heading", text: t("documents.report.findings") });
  if (r.findings.length === 0) blocks.push({ kind: "paragraph", text: t("documents.report.noFindings") });
  else
    blocks.push({
      kind: "table",
      caption: t("documents.report.findings"),
      head: [
        t("documents.report.col.element"),
        t("documents.report.col.text"),
        t("documents.report.col.severity"),
        t("documents.report.col.rectifyBy"),
        t("documents.report.col.state"),
      ],
      widths: [0.18, 0.42, 0.1, 0.15, 0.15],
      rows: r.findings.map((f) => [
        f.elementName ? (locale === "en" ? f.elementName.nameEn : f.elementName.nameZh) : f.elementCode,
        f.text,
        t(`enums.severity.${f.severity}`),
        formatDocDate(t, f.rectifyBy),
        f.rectifiedOn
          ? t("documents.report.rectified", { date: formatDocDate(t, f.rectifiedOn) })
          : t("documents.report.open"),
      ]),
    });
  blocks.push({ kind: "heading", text: t("documents.report.hiddenDangers") });
  if (r.hiddenDangers.length === 0) blocks.push({ kind: "paragraph", text: t("documents.report.noHiddenDangers") });
  else
    blocks.push({
      kind: "table",
      caption: t("documents.report.hiddenDangers"),
      head: [t("documents.report.col.description"), t("documents.report.col.state")],
      widths: [0.75, 0.25],
      rows: r.hiddenDangers.map((h) => [
        h.description,
        h.rectifiedOn
          ? t("documents.report.rectified", { date: formatDocDate(t, h.rectifiedOn) })
          : t("documents.report.open"),
      ]),
    });
  blocks.push(
    { kind: "heading", text: t("documents.report.conclusion") },
    {
      kind: "paragraph",
      text: t("documents.report.conclusionText", { conclusion: t(`enums.conclusion.${s.conclusion}`) }),
    },
  );
  if (s.notes) blocks.push({ kind: "paragraph", text: t("documents.report.notes", { notes: s.notes }) });
  return {
    locale,
    authority,
    number: spotCheckReportNumber(locale, s.checkedOn, s.id),
    title: t("documents.report.title"),
    subtitle: t("documents.report.subtitle"),
    addressee: null,
    blocks,
    dated: formatDocDate(t, s.checkedOn),
  };
}

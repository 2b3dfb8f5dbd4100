import "server-only";
import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { Block, OfficialDocument } from "./model";

// An official document as a PDF, drawn with pdfkit on the server. The text is set in Noto Sans SC
// (SIL Open Font License), shipped by the npm package @expo-google-fonts/noto-sans-sc; pdfkit
// (through fontkit) embeds only the glyphs the document uses, as a subset, so the PDF is small and
// shows its Chinese on a machine without any Chinese font. next.config.ts traces the two font files
// into the standalone build (outputFileTracingIncludes).

export const FONT_FILES = {
  regular: "node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  bold: "node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;

const fontCache = new Map<string, Buffer>();

/** The font file's bytes, read once per process (the standalone server runs from its own directory). */
function font(file: string): Buffer {
  let bytes = fontCache.get(file);
  if (!bytes) {
    bytes = fs.readFileSync(path.join(process.cwd(), file));
    fontCache.set(file, bytes);
  }
  return bytes;
}

const RED = "#c00000";
const INK = "#111111";
const GREY = "#555555";
const MARGIN = 64;

export async function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: 64, bottom: 64, left: MARGIN, right: MARGIN },
    font: font(FONT_FILES.regular) as unknown as string,
    lang: doc.locale,
    displayTitle: true,
    info: { Title: `${doc.title} ${doc.number}`, Author: doc.authority, Subject: doc.subtitle ?? doc.title },
    bufferPages: true,
  });
  pdf.registerFont("regular", font(FONT_FILES.regular));
  pdf.registerFont("bold", font(FONT_FILES.bold));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const width = pdf.page.width - 2 * MARGIN;
  // Head: the issuing authority in red, the number, a red rule (公文 版头).
  pdf.font("bold").fontSize(20).fillColor(RED).text(doc.authority, { align: "center" });
  pdf.moveDown(0.4);
  pdf.font("regular").fontSize(12).fillColor(INK).text(doc.number, { align: "center" });
  pdf.moveDown(0.3);
  const ruleY = pdf.y;
  pdf
    .moveTo(MARGIN, ruleY)
    .lineTo(MARGIN + width, ruleY)
    .lineWidth(1.5)
    .strokeColor(RED)
    .stroke();
  pdf.moveDown(1);
  pdf.font("bold").fontSize(22).fillColor(INK).text(doc.title, MARGIN, pdf.y, { align: "center", width });
  if (doc.subtitle) pdf.font("regular").fontSize(13).fillColor(GREY).text(doc.subtitle, { align: "center", width });
  pdf.moveDown(1);
  pdf.fillColor(INK);
  if (doc.addressee) {
    pdf.font("regular").fontSize(12).text(doc.addressee, MARGIN, pdf.y, { width });
    pdf.moveDown(0.5);
  }
  for (const block of doc.blocks) drawBlock(pdf, block, width);

  // Foot: the authority and the date, right-aligned (落款).
  // The signature stays on the page of the text it closes when it fits there.
  ensureSpace(pdf, 60);
  pdf.moveDown(1.5);
  pdf.font("regular").fontSize(12).fillColor(INK).text(doc.authority, MARGIN, pdf.y, { align: "right", width });
  pdf.text(doc.dated, { align: "right", width });

  // Page numbers: "- 1 -" centred at the foot of every page.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font("regular")
      .fontSize(9)
      .fillColor(GREY)
      .text(`- ${i + 1} -`, MARGIN, pdf.page.height - 40, { align: "center", width, lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

type Pdf = InstanceType<typeof PDFDocument>;

function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
}

function drawBlock(pdf: Pdf, block: Block, width: number): void {
  switch (block.kind) {
    case "heading":
      ensureSpace(pdf, 40);
      pdf.moveDown(0.6);
      pdf.font("bold").fontSize(14).fillColor(INK).text(block.text, MARGIN, pdf.y, { width });
      pdf.moveDown(0.3);
      return;
    case "paragraph":
      pdf.font("regular").fontSize(12).fillColor(INK);
      pdf.text(block.text, MARGIN, pdf.y, { width, indent: 24, lineGap: 4, align: "justify" });
      pdf.moveDown(0.5);
      return;
    case "fields":
      drawTable(
        pdf,
        width,
        null,
        block.rows.map((r) => [r.label, r.value]),
        [0.28, 0.72],
        true,
      );
      return;
    case "table":
      ensureSpace(pdf, 40);
      pdf.font("bold").fontSize(11).fillColor(INK).text(block.caption, MARGIN, pdf.y, { width });
      pdf.moveDown(0.2);
      drawTable(pdf, width, block.head, block.rows, block.widths, false);
      return;
  }
}

/** A ruled table whose cells wrap; a row that does not fit starts a new page (the header repeated). */
function drawTable(
  pdf: Pdf,
  width: number,
  head: string[] | null,
  rows: string[][],
  fractions: number[],
  labelColumn: boolean,
): void {
  const total = fractions.reduce((a, b) => a + b, 0);
  const widths = fractions.map((f) => (f / total) * width);
  const pad = 4;
  const size = 10;
  const heightOf = (cells: string[], bold: boolean) =>
    Math.max(
      ...cells.map((c, i) =>
        pdf
          .font(bold ? "bold" : "regular")
          .fontSize(size)
          .heightOfString(c || " ", { width: widths[i] - 2 * pad }),
      ),
    ) +
    2 * pad;
  const drawRow = (cells: string[], header: boolean) => {
    const h = heightOf(cells, header);
    if (pdf.y + h > pdf.page.height - pdf.page.margins.bottom) {
      pdf.addPage();
      if (head && !header) drawRow(head, true);
    }
    const y = pdf.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const shaded = header || (labelColumn && i === 0);
      if (shaded) pdf.rect(x, y, widths[i], h).fillColor("#f1f5f9").fill();
      pdf.rect(x, y, widths[i], h).lineWidth(0.5).strokeColor("#94a3b8").stroke();
      pdf
        .font(header ? "bold" : "regular")
        .fontSize(size)
        .fillColor(INK)
        .text(c || " ", x + pad, y + pad, { width: widths[i] - 2 * pad });
      x += widths[i];
    });
    pdf.x = MARGIN;
    pdf.y = y + h;
  };
  if (head) drawRow(head, true);
  for (const r of rows) drawRow(r, false);
  pdf.moveDown(0.6);
}

import { getLocale } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { announcementData } from "@/lib/server/data/documents";
import { announcementDocument } from "@/lib/server/documents/model";
import { renderPdf } from "@/lib/server/documents/pdf";
import { decodeSegment, pdfResponse } from "@/lib/server/documents/response";

/**
 * GET /register/announcements/<number>.pdf (rewritten here by next.config.ts): the announcement as a
 * PDF, public like its page; 404 when nothing was announced under the number.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  const number = decodeSegment((await params).number);
  const data = number === null ? null : await announcementData(number);
  if (!data) return new Response(null, { status: 404 });
  const locale = await getLocale();
  const bytes = await renderPdf(announcementDocument(data, isLocale(locale) ? locale : "zh-CN"));
  return pdfResponse(bytes, "announcement.pdf", "public");
}

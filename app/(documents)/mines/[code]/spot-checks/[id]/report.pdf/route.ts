import { getLocale } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { getCaller } from "@/lib/server/auth/session";
import { parseDocumentId, spotCheckReportData } from "@/lib/server/data/documents";
import { spotCheckReportDocument } from "@/lib/server/documents/model";
import { renderPdf } from "@/lib/server/documents/pdf";
import { decodeSegment, pdfResponse } from "@/lib/server/documents/response";

/**
 * GET: the spot-check report as a PDF: 401 without a session; 404 when the caller may not read the
 * spot-check (out of scope, another mine's, a draft for a manager) or it does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string; id: string }> }) {
  const caller = await getCaller();
  if (!caller) return new Response(null, { status: 401 });
  const p = await params;
  const id = parseDocumentId(p.id);
  const code = decodeSegment(p.code);
  const data = id === null || code === null ? null : await spotCheckReportData(caller, code, id);
  if (!data) return new Response(null, { status: 404 });
  const locale = await getLocale();
  const bytes = await renderPdf(spotCheckReportDocument(data, isLocale(locale) ? locale : "zh-CN"));
  return pdfResponse(bytes, `spot-check-report-${data.mine.code}-${data.spotCheck.id}.pdf`, "private");
}

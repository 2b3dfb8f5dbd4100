import { getLocale } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { decisionLetterData, parseDocumentId } from "@/lib/server/data/documents";
import { decisionLetterDocument } from "@/lib/server/documents/model";
import { renderPdf } from "@/lib/server/documents/pdf";
import { pdfResponse } from "@/lib/server/documents/response";

/** GET: the decision letter of a confirmed decision as a PDF (public, like the letter's page); else 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = parseDocumentId((await params).id);
  const data = id === null ? null : await decisionLetterData(id);
  if (!data) return new Response(null, { status: 404 });
  const locale = await getLocale();
  const bytes = await renderPdf(decisionLetterDocument(data, isLocale(locale) ? locale : "zh-CN"));
  return pdfResponse(bytes, `decision-letter-${data.id}.pdf`, "public");
}

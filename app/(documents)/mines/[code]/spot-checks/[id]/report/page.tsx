import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { OfficialDocumentView } from "@/components/documents/official-document";
import { isLocale } from "@/lib/i18n/config";
import { getCaller, requireCaller } from "@/lib/server/auth/session";
import { parseDocumentId, spotCheckReportData } from "@/lib/server/data/documents";
import { spotCheckReportDocument } from "@/lib/server/documents/model";
import { decodeSegment } from "@/lib/server/documents/response";

// A spot-check report (抽查报告), readable by exactly those who read the spot-check's page: signed in,
// the mine in the caller's scope, the spot-check of that mine, a draft never to a manager; else 404.

type Params = { params: Promise<{ code: string; id: string }> };

const load = cache(async (rawCode: string, rawId: string) => {
  const caller = await getCaller();
  const id = parseDocumentId(rawId);
  const code = decodeSegment(rawCode);
  if (!caller || id === null || code === null) return null;
  return spotCheckReportData(caller, code, id);
});

export async function generateMetadata({ params }: Params) {
  const p = await params;
  const data = await load(p.code, p.id);
  if (!data) return {};
  const t = await getTranslations("documents.report");
  return { title: t("pageTitle", { code: data.mine.code }) };
}

export default async function SpotCheckReportPage({ params }: Params) {
  await requireCaller();
  const p = await params;
  const data = await load(p.code, p.id);
  if (!data) notFound();
  const locale = await getLocale();
  const doc = spotCheckReportDocument(data, isLocale(locale) ? locale : "zh-CN");
  const base = `/mines/${encodeURIComponent(data.mine.code)}/spot-checks/${data.spotCheck.id}`;
  return <OfficialDocumentView doc={doc} pdfHref={`${base}/report.pdf`} backHref={base} />;
}

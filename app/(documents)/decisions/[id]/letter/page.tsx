import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { OfficialDocumentView } from "@/components/documents/official-document";
import { isLocale } from "@/lib/i18n/config";
import { decisionLetterData, parseDocumentId } from "@/lib/server/data/documents";
import { decisionLetterDocument } from "@/lib/server/documents/model";

// The decision letter (处理决定书) of a confirmed decision. Confirmed decisions are public
// (product.md; /register/decisions), so everyone may read it; any other id is a 404.

type Params = { params: Promise<{ id: string }> };

const load = cache(async (raw: string) => {
  const id = parseDocumentId(raw);
  return id === null ? null : decisionLetterData(id);
});

export async function generateMetadata({ params }: Params) {
  const data = await load((await params).id);
  if (!data) return {};
  const t = await getTranslations("documents.letter");
  return { title: t("pageTitle", { number: data.number ?? "" }) };
}

export default async function DecisionLetterPage({ params }: Params) {
  const { id } = await params;
  const data = await load(id);
  if (!data) notFound();
  const locale = await getLocale();
  const doc = decisionLetterDocument(data, isLocale(locale) ? locale : "zh-CN");
  return (
    <OfficialDocumentView
      doc={doc}
      pdfHref={`/decisions/${data.id}/letter.pdf`}
      backHref={`/register/mines/${encodeURIComponent(data.mine.code)}`}
    />
  );
}

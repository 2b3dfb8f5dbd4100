import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { OfficialDocumentView } from "@/components/documents/official-document";
import { isLocale } from "@/lib/i18n/config";
import { announcementData } from "@/lib/server/data/documents";
import { announcementDocument } from "@/lib/server/documents/model";
import { decodeSegment } from "@/lib/server/documents/response";

// A grade announcement (公告): the mines announced under one number, up to today. Announced grades are
// public. `<number>.pdf` is rewritten to ./pdf (next.config.ts), so this page never sees the suffix.

type Params = { params: Promise<{ number: string }> };

const load = cache(async (raw: string) => {
  const number = decodeSegment(raw);
  return number === null ? null : announcementData(number);
});

export async function generateMetadata({ params }: Params) {
  const data = await load((await params).number);
  if (!data) return {};
  const t = await getTranslations("documents.announcement");
  return { title: t("pageTitle", { number: data.number }) };
}

export default async function AnnouncementPage({ params }: Params) {
  const data = await load((await params).number);
  if (!data) notFound();
  const locale = await getLocale();
  const doc = announcementDocument(data, isLocale(locale) ? locale : "zh-CN");
  return (
    <OfficialDocumentView
      doc={doc}
      pdfHref={`/register/announcements/${encodeURIComponent(data.number)}.pdf`}
      backHref="/register"
    />
  );
}

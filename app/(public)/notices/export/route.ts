import { getLocale, getTranslations } from "next-intl/server";
import { isoDate } from "@/lib/domain/dates";
import { pickName } from "@/lib/i18n/pick";
import { csvResponse } from "@/lib/server/csv";
import { listOpenNotices } from "@/lib/server/data/applications";

export const dynamic = "force-dynamic";

/** Open public notices as CSV, in the reader's language. */
export async function GET() {
  const [{ items }, t, tr, locale] = await Promise.all([
    listOpenNotices({ page: 1, pageSize: 100_000 }),
    getTranslations("notices"),
    getTranslations("register"),
    getLocale(),
  ]);
  return csvResponse(
    "public-notices.csv",
    [tr("col.code"), t("col.mine"), tr("col.regionCode"), t("col.level"), t("noticeFrom"), t("noticeTo")],
    items.map((n) => [
      n.mine.code,
      pickName(locale, n.mine.name, n.mine.nameEn),
      n.mine.countyCode,
      n.resultLevel ?? n.appliedLevel,
      n.noticeStartsOn ? isoDate(n.noticeStartsOn) : null,
      n.noticeEndsOn ? isoDate(n.noticeEndsOn) : null,
    ]),
  );
}

import type { NextRequest } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { pickName } from "@/lib/i18n/pick";
import { csvResponse } from "@/lib/server/csv";
import { listAnnouncedGrades } from "@/lib/server/data/public-register";
import { parseRegisterSearch } from "@/lib/validation/register";

export const dynamic = "force-dynamic";

const MAX_ROWS = 100_000;

/** The announced-grades list as CSV, with the register's filters, in the reader's language. */
export async function GET(request: NextRequest) {
  const search = parseRegisterSearch(Object.fromEntries(request.nextUrl.searchParams));
  const [result, t, locale] = await Promise.all([
    listAnnouncedGrades({ ...search, page: 1, pageSize: MAX_ROWS }),
    getTranslations("register"),
    getLocale(),
  ]);
  return csvResponse(
    "announced-grades.csv",
    [
      t("col.code"),
      t("col.name"),
      t("col.regionCode"),
      t("col.level"),
      t("col.announcedOn"),
      t("col.validUntil"),
      t("col.announcementNo"),
    ],
    result.items.map((g) => [
      g.mineCode,
      pickName(locale, g.mineName, g.mineNameEn),
      g.regionCode,
      g.level,
      g.announcedOn,
      g.validUntil,
      g.announcementNo,
    ]),
  );
}

import type { NextRequest } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { pickName } from "@/lib/i18n/pick";
import { csvResponse } from "@/lib/server/csv";
import { listFinalDecisions } from "@/lib/server/data/public-register";
import { parseRegisterSearch } from "@/lib/validation/register";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const search = parseRegisterSearch(Object.fromEntries(request.nextUrl.searchParams));
  const [result, t, te, locale] = await Promise.all([
    listFinalDecisions({ ...search, page: 1, pageSize: 100_000 }),
    getTranslations("register"),
    getTranslations("enums"),
    getLocale(),
  ]);
  return csvResponse(
    "final-decisions.csv",
    [
      t("col.effectiveOn"),
      t("col.code"),
      t("col.name"),
      t("col.regionCode"),
      t("col.decision"),
      t("col.fromLevel"),
      t("col.toLevel"),
      t("col.reason"),
      t("col.number"),
      t("col.authority"),
    ],
    result.items.map((d) => [
      d.effectiveOn,
      d.mineCode,
      pickName(locale, d.mineName, d.mineNameEn),
      d.regionCode,
      te(`decisionType.${d.type}`),
      d.fromLevel,
      d.toLevel,
      te(`decisionReason.${d.reason}`),
      d.number,
      d.authority ? pickName(locale, d.authority.nameZh, d.authority.nameEn) : null,
    ]),
  );
}

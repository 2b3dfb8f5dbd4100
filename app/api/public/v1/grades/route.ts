import type { NextRequest } from "next/server";
import { apiError } from "@/lib/server/api";
import { listAnnouncedGrades } from "@/lib/server/data/public-register";
import { apiIssues, publicGradesQuery, searchParamsObject } from "@/lib/validation/public-api";

export const dynamic = "force-dynamic";

/** Announced, currently valid grades; no login (product.md "Interfaces"). */
export async function GET(request: NextRequest) {
  const { value, repeated } = searchParamsObject(request.nextUrl.searchParams);
  if (repeated.length) {
    return apiError(
      400,
      "invalid_parameters",
      "Each parameter may be given once.",
      repeated.map((param) => ({ param, message: "repeated" })),
    );
  }
  const parsed = publicGradesQuery.safeParse(value);
  if (!parsed.success)
    return apiError(400, "invalid_parameters", "Some query parameters are not valid.", apiIssues(parsed.error));
  const { province, level, q, page, pageSize } = parsed.data;
  const result = await listAnnouncedGrades({ province, level, q, page, pageSize });
  return Response.json(
    {
      items: result.items.map(({ mineCode, mineName, regionCode, level, announcedOn, validUntil }) => ({
        mineCode,
        mineName,
        regionCode,
        level,
        announcedOn,
        validUntil,
      })),
      total: result.total,
      page,
      pageSize,
    },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

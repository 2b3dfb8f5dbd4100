import type { NextRequest } from "next/server";
import { parseQuery } from "@/lib/server/api";
import { listAnnouncedGrades } from "@/lib/server/data/public-register";
import { publicGradesQuery } from "@/lib/validation/public-api";

export const dynamic = "force-dynamic";

/** Announced, currently valid grades; no login (product.md "Interfaces"). */
export async function GET(request: NextRequest) {
  const parsed = parseQuery(request.nextUrl.searchParams, publicGradesQuery);
  if (!parsed.ok) return parsed.response;
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
    // Served from the server's cache, which every write expires at once: HTTP caches must ask again each
    // time (no max-age), so a change shows on the very next request through them too.
    { headers: { "Cache-Control": "public, no-cache" } },
  );
}

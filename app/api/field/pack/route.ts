import type { NextRequest } from "next/server";
import { apiError, parseQuery } from "@/lib/server/api";
import { getCaller } from "@/lib/server/auth/session";
import { fieldPack } from "@/lib/server/data/field-pack";
import { NO_STORE } from "@/lib/server/http/field-request";
import { fieldPackQuery } from "@/lib/validation/field-sync";

export const dynamic = "force-dynamic";

/** The field app's pack (issue 16; FIELD_API.pack): 401 signed out, 404 without spotCheck.record. */
export async function GET(request: NextRequest) {
  const caller = await getCaller();
  if (!caller) return apiError(401, "unauthenticated", "Sign in to load the field pack.");
  const parsed = parseQuery(request.nextUrl.searchParams, fieldPackQuery);
  if (!parsed.ok) return parsed.response;
  const pack = await fieldPack(caller, parsed.data.recent ?? []);
  if (!pack) return apiError(404, "not_found", "Not found.");
  return Response.json(pack, { headers: NO_STORE });
}

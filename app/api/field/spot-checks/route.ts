import { apiError } from "@/lib/server/api";
import { getCaller } from "@/lib/server/auth/session";
import { mediaType, NO_STORE, readLimited, sameOrigin } from "@/lib/server/http/field-request";
import { syncSpotCheck } from "@/lib/server/services/sync-spot-check";
import { MAX_SYNC_BODY_BYTES } from "@/lib/validation/field-sync";

export const dynamic = "force-dynamic";

/** A field draft's idempotent submission (issue 16; FIELD_API.submit): SyncRequest → SyncResponse. */
export async function POST(request: Request) {
  if (!sameOrigin(request)) return apiError(403, "cross_origin", "Only this site's pages may submit.");
  if (mediaType(request) !== "application/json")
    return apiError(415, "unsupported_media_type", "Send the submission as application/json.");
  const caller = await getCaller();
  if (!caller) return Response.json({ status: "refused", reason: "signedOut" }, { status: 401, headers: NO_STORE });
  const bytes = await readLimited(request, MAX_SYNC_BODY_BYTES);
  if (!bytes) return apiError(413, "too_large", `The submission may be at most ${MAX_SYNC_BODY_BYTES} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return apiError(400, "invalid_json", "The body is not JSON.");
  }
  const answer = await syncSpotCheck(caller, body);
  return Response.json(answer.body, { status: answer.http, headers: NO_STORE });
}

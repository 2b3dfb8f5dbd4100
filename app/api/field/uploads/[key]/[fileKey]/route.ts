import type { NextRequest } from "next/server";
import { MAX_UPLOAD_CHUNK_BYTES } from "@/lib/field/contract";
import { apiError, parseQuery } from "@/lib/server/api";
import { can } from "@/lib/server/auth/permissions";
import { getCaller } from "@/lib/server/auth/session";
import { mediaType, NO_STORE, readLimited, sameOrigin } from "@/lib/server/http/field-request";
import { putChunk, uploadStatus } from "@/lib/server/services/field-upload";
import { MAX_EVIDENCE_FILE_BYTES } from "@/lib/validation/evidence-limits";
import { UUID_RE, uploadChunkQuery } from "@/lib/validation/field-sync";

export const dynamic = "force-dynamic";

interface Params {
  params: Promise<{ key: string; fileKey: string }>;
}

/** The caller who may upload, and the photo's keys; or the refusal. */
async function target(params: Params["params"]) {
  const { key, fileKey } = await params;
  if (!UUID_RE.test(key) || !UUID_RE.test(fileKey))
    return { refusal: apiError(404, "not_found", "Not found.") } as const;
  const caller = await getCaller();
  if (!caller) return { refusal: apiError(401, "unauthenticated", "Sign in to upload.") } as const;
  if (!can(caller.role, "spotCheck.record")) return { refusal: apiError(404, "not_found", "Not found.") } as const;
  return { caller, key, fileKey } as const;
}

/** How much of one photo has arrived (FIELD_API.upload); 404 when nothing has, for this account. */
export async function GET(_request: NextRequest, { params }: Params) {
  const t = await target(params);
  if ("refusal" in t) return t.refusal;
  const status = await uploadStatus(t.caller, t.key, t.fileKey);
  if (!status) return apiError(404, "not_found", "Nothing of this file has arrived.");
  return Response.json(status, { headers: NO_STORE });
}

/** One chunk of a photo (FIELD_API.upload): the UploadStatus after it. */
export async function PUT(request: NextRequest, { params }: Params) {
  if (!sameOrigin(request)) return apiError(403, "cross_origin", "Only this site's pages may upload.");
  const t = await target(params);
  if ("refusal" in t) return t.refusal;
  if (mediaType(request) !== "application/octet-stream")
    return apiError(415, "unsupported_media_type", "Send the chunk as application/octet-stream.");
  const parsed = parseQuery(request.nextUrl.searchParams, uploadChunkQuery);
  if (!parsed.ok) {
    // A declared length beyond the per-file limit is "too large", not a malformed query.
    const length = Number(request.nextUrl.searchParams.get("length"));
    if (Number.isInteger(length) && length > 0 && parsed.response.status === 400) {
      if (length > MAX_EVIDENCE_FILE_BYTES)
        return apiError(413, "too_large", `A file may be at most ${MAX_EVIDENCE_FILE_BYTES} bytes.`);
    }
    return parsed.response;
  }
  const bytes = await readLimited(request, MAX_UPLOAD_CHUNK_BYTES);
  if (!bytes) return apiError(413, "too_large", `A chunk may be at most ${MAX_UPLOAD_CHUNK_BYTES} bytes.`);
  if (bytes.byteLength === 0) return apiError(400, "empty_chunk", "A chunk holds at least one byte.");
  const outcome = await putChunk(t.caller, { draftKey: t.key, fileKey: t.fileKey, ...parsed.data, bytes });
  if (outcome.ok) return Response.json(outcome.status, { headers: NO_STORE });
  if (outcome.status)
    return Response.json({ ...outcome.status, error: outcome.error }, { status: outcome.http, headers: NO_STORE });
  return apiError(outcome.http, outcome.error, "The upload was refused.");
}

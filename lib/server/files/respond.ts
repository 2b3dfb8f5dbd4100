import "server-only";
import { getCaller } from "@/lib/server/auth/session";
import { openEvidence } from "@/lib/server/data/evidence";

/**
 * GET /files/<id> and /files/<id>/thumb: the file with exactly the permissions of its record; 404
 * for a file that does not exist and for one the reader may not see (signed out included), so the
 * answer does not tell them apart. The type sent is the one detected from the bytes at upload;
 * a PDF is always a download, an image shown inline; nosniff, never cached by a shared cache.
 */
export async function evidenceResponse(rawId: string, variant: "file" | "thumb"): Promise<Response> {
  const id = /^[1-9]\d{0,9}$/.test(rawId) ? Number(rawId) : NaN;
  const caller = await getCaller();
  const file = Number.isNaN(id) ? null : await openEvidence(caller, id, variant);
  if (!file)
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  const inline = file.mimeType.startsWith("image/");
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const disposition = `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`;
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": disposition,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ...(variant === "file" ? { ETag: `"${file.sha256}"` } : {}),
    },
  });
}

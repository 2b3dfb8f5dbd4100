import "server-only";

/**
 * A PDF, shown in the browser (inline) with a file name to save it under. A public document (a
 * confirmed decision's letter, an announcement) may be kept by the browser a few minutes: it is the
 * same for every reader of a language (Vary), and a confirmed decision or an announcement does not
 * change; a scoped one (a spot-check report) is never stored.
 */
export function pdfResponse(bytes: Buffer, filename: string, visibility: "public" | "private"): Response {
  return new Response(new Blob([new Uint8Array(bytes)]), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": visibility === "public" ? "public, max-age=300" : "private, no-store",
      Vary: "Cookie, Accept-Language",
    },
  });
}

/**
 * A URL segment decoded, or null when it is not valid percent-encoding or decodes to a control
 * character (no mine code or announcement number has one; a NUL would reach PostgreSQL as an error).
 */
export function decodeSegment(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    return /[\u0000-\u001f\u007f]/.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

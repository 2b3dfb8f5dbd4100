export type SpreadsheetFormat = "csv" | "xlsx";

export const SPREADSHEET_CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A `?format=` value read as a spreadsheet format (CSV when absent), or null when it names another. */
export function spreadsheetFormat(value: string | null): SpreadsheetFormat | null {
  const format = value ?? "csv";
  return format === "csv" || format === "xlsx" ? format : null;
}

/** A file download of spreadsheet bytes, never cached (a template carries the signed-in user's language). */
export function spreadsheetDownload(bytes: Uint8Array, format: SpreadsheetFormat, basename: string): Response {
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": SPREADSHEET_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${basename}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

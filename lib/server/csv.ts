import "server-only";
import Papa from "papaparse";

/** A CSV download: UTF-8 with a BOM so spreadsheet programs read Chinese correctly. */
export function csvResponse(filename: string, header: string[], rows: (string | number | null)[][]): Response {
  const body = "\uFEFF" + Papa.unparse({ fields: header, data: rows.map((r) => r.map((v) => (v === null ? "" : v))) });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

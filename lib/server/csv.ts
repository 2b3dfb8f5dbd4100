import "server-only";
import { csvFile } from "@/lib/spreadsheet/csv-file";

/** A CSV download (lib/spreadsheet/csv-file.ts: BOM, cells safe to open in a spreadsheet program). */
export function csvResponse(filename: string, header: string[], rows: (string | number | null)[][]): Response {
  return new Response(new Blob([csvFile(header, rows) as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

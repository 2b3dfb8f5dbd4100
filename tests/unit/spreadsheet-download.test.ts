import { describe, expect, it } from "vitest";
import { SPREADSHEET_CONTENT_TYPES, spreadsheetDownload, spreadsheetFormat } from "@/lib/spreadsheet/download";

describe("spreadsheet downloads", () => {
  it("reads ?format= as CSV by default, XLSX when asked, and nothing else", () => {
    expect(spreadsheetFormat(null)).toBe("csv");
    expect(spreadsheetFormat("xlsx")).toBe("xlsx");
    expect(spreadsheetFormat("pdf")).toBeNull();
    expect(spreadsheetFormat("XLSX")).toBeNull();
  });

  it("serves the bytes as an uncached attachment of the format's type", async () => {
    const response = spreadsheetDownload(new Uint8Array([1, 2, 3]), "xlsx", "spot-check-import-template");
    expect(response.headers.get("Content-Type")).toBe(SPREADSHEET_CONTENT_TYPES.xlsx);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="spot-check-import-template.xlsx"');
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2, 3]);
  });
});

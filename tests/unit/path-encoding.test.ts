import { describe, expect, it } from "vitest";
import { decodeSegment } from "@/lib/server/documents/response";
import { hasMalformedEncoding } from "@/lib/server/http/path-encoding";

describe("hasMalformedEncoding", () => {
  it.each(["/decisions/%/letter", "/mines/1402260001/spot-checks/%/report.pdf", "/x%", "/mines/%E4", "/a/%zz"])(
    "refuses %s",
    (path) => expect(hasMalformedEncoding(path)).toBe(true),
  );
  it.each(["/", "/mines/1402260001", "/mines/%25/report", "/register/%E7%85%A4", "/files/12/thumb"])(
    "accepts %s",
    (path) => expect(hasMalformedEncoding(path)).toBe(false),
  );
});

describe("decodeSegment (the document routes' code and number segments)", () => {
  it("decodes valid percent-encoding", () => {
    expect(decodeSegment("1402260001")).toBe("1402260001");
    expect(decodeSegment("%E3%80%942020%E3%80%95")).toBe("〔2020〕");
  });
  it.each(["%", "%E4", "%00", "a%0Ab", "%7F", "%1F"])("refuses %s", (raw) => expect(decodeSegment(raw)).toBeNull());
});

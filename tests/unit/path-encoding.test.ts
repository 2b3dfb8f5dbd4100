import { describe, expect, it } from "vitest";
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

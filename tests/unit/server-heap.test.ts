// npm start and the benchmark bound the server's heap, unless the operator's NODE_OPTIONS already does.
import { describe, expect, it } from "vitest";
import { SERVER_HEAP_MB, serverNodeOptions } from "../../scripts/lib/server-heap.mjs";

describe("the server's heap bound", () => {
  it("is added to no options and to other options", () => {
    expect(serverNodeOptions()).toBe(`--max-old-space-size=${SERVER_HEAP_MB}`);
    expect(serverNodeOptions("--enable-source-maps")).toBe(
      `--enable-source-maps --max-old-space-size=${SERVER_HEAP_MB}`,
    );
  });
  it("leaves the operator's own bound alone", () => {
    expect(serverNodeOptions("--max-old-space-size=1024")).toBe("--max-old-space-size=1024");
  });
});

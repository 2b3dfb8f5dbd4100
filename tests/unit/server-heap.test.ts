// npm start and the benchmark size the server's heap, unless the operator's NODE_OPTIONS already does.
import { describe, expect, it } from "vitest";
import { SERVER_HEAP_MB, SERVER_SEMI_SPACE_MB, serverNodeOptions } from "../../scripts/lib/server-heap.mjs";

const OLD = `--max-old-space-size=${SERVER_HEAP_MB}`;
const SEMI = `--max-semi-space-size=${SERVER_SEMI_SPACE_MB}`;

describe("the server's heap sizes", () => {
  it("are added to no options and to other options", () => {
    expect(serverNodeOptions()).toBe(`${OLD} ${SEMI}`);
    expect(serverNodeOptions("--enable-source-maps")).toBe(`--enable-source-maps ${OLD} ${SEMI}`);
  });
  it("leave the operator's own sizes alone", () => {
    expect(serverNodeOptions("--max-old-space-size=1024")).toBe(`--max-old-space-size=1024 ${SEMI}`);
    expect(serverNodeOptions("--max-semi-space-size=64 --max-old-space-size=1024")).toBe(
      "--max-semi-space-size=64 --max-old-space-size=1024",
    );
  });
});

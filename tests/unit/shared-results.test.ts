import { describe, expect, it, vi } from "vitest";
import { forgetShared, forgetSharedResults, shared, TTL_MS } from "@/lib/server/metrics/shared-results";

describe("shared results", () => {
  it("runs identical concurrent requests once", async () => {
    const client = {};
    let runs = 0;
    const run = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 10));
      return { value: 42 };
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => shared(client, "m", { scope: "14" }, run)));
    expect(runs).toBe(1);
    expect(results.every((r) => r.value === 42)).toBe(true);
  });

  it("keeps parameters, names and database clients apart", async () => {
    const a = {};
    const b = {};
    const seen: string[] = [];
    const run = (tag: string) => async () => (seen.push(tag), tag);
    expect(await shared(a, "m", { scope: "14" }, run("a14"))).toBe("a14");
    expect(await shared(a, "m", { scope: "52" }, run("a52"))).toBe("a52");
    expect(await shared(a, "other", { scope: "14" }, run("other"))).toBe("other");
    expect(await shared(b, "m", { scope: "14" }, run("b14"))).toBe("b14");
    expect(seen).toEqual(["a14", "a52", "other", "b14"]);
  });

  it("runs again once the result is older than the TTL", async () => {
    const client = {};
    let runs = 0;
    const run = async () => ++runs;
    const t0 = 1_000_000;
    expect(await shared(client, "m", {}, run, t0)).toBe(1);
    expect(await shared(client, "m", {}, run, t0 + TTL_MS - 1)).toBe(1);
    expect(await shared(client, "m", {}, run, t0 + TTL_MS)).toBe(2);
  });

  it("does not keep a failure", async () => {
    const client = {};
    let runs = 0;
    const failing = async () => {
      runs++;
      throw new Error("database down");
    };
    await expect(shared(client, "m", {}, failing)).rejects.toThrow("database down");
    await new Promise((r) => setTimeout(r, 0));
    expect(await shared(client, "m", {}, async () => "ok")).toBe("ok");
    expect(runs).toBe(1);
  });

  it("gives a waiter whose shared run failed its own run, and its own error", async () => {
    const client = {};
    let release!: () => void;
    const owner = shared(
      client,
      "m",
      {},
      () => new Promise<string>((_r, reject) => (release = () => reject(new Error("owner's failure")))),
    );
    const waiter = shared(client, "m", {}, async () => "waiter's own run");
    release();
    await expect(owner).rejects.toThrow("owner's failure");
    expect(await waiter).toBe("waiter's own run");
  });

  it("runs again after a write forgot the results, for every client", async () => {
    const a = {};
    const b = {};
    let runs = 0;
    const run = async () => ++runs;
    const t0 = 2_000_000;
    expect(await shared(a, "m", {}, run, t0)).toBe(1);
    expect(await shared(b, "m", {}, run, t0)).toBe(2);
    forgetSharedResults();
    expect(await shared(a, "m", {}, run, t0 + 1)).toBe(3);
    expect(await shared(b, "m", {}, run, t0 + 1)).toBe(4);
    expect(await shared(a, "m", {}, run, t0 + 2)).toBe(3);
  });

  it("is forgotten by a write made through another copy of the module, with another client", async () => {
    // The production build gives route handlers and pages (with their actions) copies of their own
    // of this module and of the database client: a status change recorded by a page's action must
    // reach the figures GET /api/v1/metrics shares.
    vi.resetModules();
    const other = await import("@/lib/server/metrics/shared-results");
    expect(other.shared).not.toBe(shared);
    const routeClient = {};
    const actionClient = {};
    let runs = 0;
    const run = async () => ++runs;
    const t0 = 3_000_000;
    expect(await shared(routeClient, "metrics", {}, run, t0)).toBe(1);
    expect(await shared(routeClient, "metrics", {}, run, t0 + 1)).toBe(1);
    other.forgetShared(actionClient);
    expect(await shared(routeClient, "metrics", {}, run, t0 + 2)).toBe(2);
    forgetShared(routeClient);
    expect(await other.shared(routeClient, "metrics", {}, run, t0 + 3)).toBe(3);
  });
});

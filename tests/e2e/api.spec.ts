import { expect, test } from "@playwright/test";
import { signInOk } from "./support";

test.describe("JSON API", () => {
  test("public grades need no login and answer 400 with reasons for bad parameters", async ({ request }) => {
    const ok = await request.get("/api/public/v1/grades?level=1&pageSize=5");
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body.items).toHaveLength(5);
    expect(Object.keys(body.items[0]).sort()).toEqual([
      "announcedOn",
      "level",
      "mineCode",
      "mineName",
      "regionCode",
      "validUntil",
    ]);
    const bad = await request.get("/api/public/v1/grades?pageSize=1000");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).issues[0].param).toBe("pageSize");
  });

  test("metrics need a session and refuse a scope outside the caller's jurisdiction", async ({ page }) => {
    const anonymous = await page.request.get("/api/v1/metrics?scope=14");
    expect(anonymous.status()).toBe(401);
    await signInOk(page, "shanxi@demo.test");
    const own = await page.request.get("/api/v1/metrics?scope=14&asOf=2020-12-31&year=2020");
    expect(own.status()).toBe(200);
    const metrics = await own.json();
    expect(metrics).toMatchObject({ scope: "14", asOf: "2020-12-31", year: 2020 });
    for (const key of ["producing", "graded", "share", "coverage", "decisions"]) expect(metrics).toHaveProperty(key);
    const other = await page.request.get("/api/v1/metrics?scope=52&asOf=2020-12-31&year=2020");
    expect(other.status()).toBe(403);
    const national = await page.request.get("/api/v1/metrics?asOf=2020-12-31&year=2020");
    expect(national.status()).toBe(403);
    const bad = await page.request.get("/api/v1/metrics?scope=14&asOf=yesterday");
    expect(bad.status()).toBe(400);
  });

  test("the OpenAPI document is served", async ({ request }) => {
    const doc = await (await request.get("/api/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/public/v1/grades", "/api/v1/metrics"]));
  });
});

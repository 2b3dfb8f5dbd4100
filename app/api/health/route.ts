import { checkHealth } from "@/lib/server/data/health";

export const dynamic = "force-dynamic";

/** 200 {"status":"ok"} while the database answers, else 503 {"status":"error","reason":...} (bounded: ~3 s at most). */
export async function GET() {
  const health = await checkHealth();
  const ok = health.status === "ok";
  return Response.json(health, {
    status: ok ? 200 : 503,
    headers: ok ? { "Cache-Control": "no-store" } : { "Cache-Control": "no-store", "Retry-After": "5" },
  });
}

import { todayInChina } from "@/lib/domain/dates";
import { buildTemplate } from "@/lib/import/spot-check-template";
import { can } from "@/lib/server/auth/permissions";
import { getCaller } from "@/lib/server/auth/session";
import { allRuleSets } from "@/lib/server/data/rules";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** GET ?format=csv|xlsx: the import template, for signed-in users who may record spot-checks. */
export async function GET(request: Request) {
  const caller = await getCaller();
  if (!caller) return new Response(null, { status: 401 });
  if (!can(caller.role, "spotCheck.record")) return new Response(null, { status: 403 });
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") return new Response(null, { status: 400 });
  const today = todayInChina();
  const bytes = await buildTemplate(format, await allRuleSets(), today);
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="spot-check-import-template.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

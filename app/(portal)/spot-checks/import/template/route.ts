import { todayInChina } from "@/lib/domain/dates";
import { buildTemplate } from "@/lib/import/spot-check-template";
import { can } from "@/lib/server/auth/permissions";
import { getCaller } from "@/lib/server/auth/session";
import { allRuleSets } from "@/lib/server/data/rules";
import { spreadsheetDownload, spreadsheetFormat } from "@/lib/spreadsheet/download";

/** GET ?format=csv|xlsx: the import template, for signed-in users who may record spot-checks. */
export async function GET(request: Request) {
  const caller = await getCaller();
  if (!caller) return new Response(null, { status: 401 });
  if (!can(caller.role, "spotCheck.record")) return new Response(null, { status: 403 });
  const format = spreadsheetFormat(new URL(request.url).searchParams.get("format"));
  if (!format) return new Response(null, { status: 400 });
  const bytes = await buildTemplate(format, await allRuleSets(), todayInChina());
  return spreadsheetDownload(bytes, format, "spot-check-import-template");
}

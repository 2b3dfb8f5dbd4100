import { todayInChina } from "@/lib/domain/dates";
import { REGISTER_IMPORT_KINDS, type RegisterImportKind } from "@/lib/import/register-rows";
import { buildRegisterTemplate } from "@/lib/import/register-template";
import { can } from "@/lib/server/auth/permissions";
import { getCaller } from "@/lib/server/auth/session";
import { spreadsheetDownload, spreadsheetFormat } from "@/lib/spreadsheet/download";

/** GET ?kind=mines|statuses&format=csv|xlsx: a register import template, for those who keep the register. */
export async function GET(request: Request) {
  const caller = await getCaller();
  if (!caller) return new Response(null, { status: 401 });
  if (!can(caller.role, "mine.register")) return new Response(null, { status: 403 });
  const params = new URL(request.url).searchParams;
  const format = spreadsheetFormat(params.get("format"));
  const kind = params.get("kind") ?? "mines";
  if (!format || !(REGISTER_IMPORT_KINDS as readonly string[]).includes(kind))
    return new Response(null, { status: 400 });
  const bytes = await buildRegisterTemplate(kind as RegisterImportKind, format, todayInChina());
  return spreadsheetDownload(bytes, format, `mine-register-${kind}-template`);
}

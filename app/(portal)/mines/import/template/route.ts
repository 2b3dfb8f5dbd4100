import { todayInChina } from "@/lib/domain/dates";
import { REGISTER_IMPORT_KINDS, type RegisterImportKind } from "@/lib/import/register-rows";
import { buildRegisterTemplate } from "@/lib/import/register-template";
import { can } from "@/lib/server/auth/permissions";
import { getCaller } from "@/lib/server/auth/session";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** GET ?kind=mines|statuses&format=csv|xlsx: a register import template, for those who keep the register. */
export async function GET(request: Request) {
  const caller = await getCaller();
  if (!caller) return new Response(null, { status: 401 });
  if (!can(caller.role, "mine.register")) return new Response(null, { status: 403 });
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  const kind = params.get("kind") ?? "mines";
  if ((format !== "csv" && format !== "xlsx") || !(REGISTER_IMPORT_KINDS as readonly string[]).includes(kind))
    return new Response(null, { status: 400 });
  const bytes = await buildRegisterTemplate(kind as RegisterImportKind, format, todayInChina());
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="mine-register-${kind}-template.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

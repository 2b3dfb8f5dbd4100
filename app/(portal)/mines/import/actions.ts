"use server";

import type { ImportFormState } from "@/lib/import/import-state";
import { REGISTER_IMPORT_KINDS, type RegisterImportKind } from "@/lib/import/register-rows";
import { formAction, type Refusal } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { ServiceError } from "@/lib/server/errors";
import { revalidateRegister } from "@/lib/server/register/revalidate";
import { importRegister } from "@/lib/server/services/import-register";
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from "@/lib/validation/import-limits";

function fileProblem(message: string, params?: Record<string, string | number>): ImportFormState {
  return { status: "failed", errors: [{ row: 0, column: "", message, ...(params ? { params } : {}) }], omitted: 0 };
}

const importRefusal = (reason: Refusal) =>
  fileProblem(reason === "databaseUnavailable" ? "problems.databaseUnavailable" : "problems.fileMissing");

export const importRegisterAction = formAction(async function importRegisterAction(
  _prev: ImportFormState,
  formData: FormData,
): Promise<ImportFormState> {
  const caller = await requireCaller();
  const kind = formData.get("kind");
  if (typeof kind !== "string" || !(REGISTER_IMPORT_KINDS as readonly string[]).includes(kind))
    return fileProblem("problems.kindMissing");
  const file = formData.get("file");
  // A form submitted without a choice sends an empty, unnamed File.
  if (!(file instanceof File) || file.name === "") return fileProblem("problems.fileMissing");
  if (file.size > MAX_IMPORT_BYTES) return fileProblem("problems.fileTooLarge", { max: MAX_IMPORT_MB });
  try {
    const result = await importRegister(caller, kind as RegisterImportKind, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) return { status: "failed", errors: result.errors, omitted: result.omitted };
    revalidateRegister();
    return { status: "done", imported: result.imported, proposals: 0, message: `mineRegister.import.success_${kind}` };
  } catch (e) {
    if (e instanceof ServiceError && e.code === "FORBIDDEN") return fileProblem("problems.registerForbidden");
    throw e;
  }
}, importRefusal);

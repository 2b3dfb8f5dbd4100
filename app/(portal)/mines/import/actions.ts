"use server";

import type { ImportFormState } from "@/lib/import/import-state";
import { REGISTER_IMPORT_KINDS, type RegisterImportKind } from "@/lib/import/register-rows";
import { formAction } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { ServiceError } from "@/lib/server/errors";
import { fileProblem, importRefusal, uploadedFile } from "@/lib/server/import/uploaded-file";
import { revalidateRegister } from "@/lib/server/register/revalidate";
import { importRegister } from "@/lib/server/services/import-register";

export const importRegisterAction = formAction(async function importRegisterAction(
  _prev: ImportFormState,
  formData: FormData,
): Promise<ImportFormState> {
  const caller = await requireCaller();
  const kind = formData.get("kind");
  if (typeof kind !== "string" || !(REGISTER_IMPORT_KINDS as readonly string[]).includes(kind))
    return fileProblem("problems.kindMissing");
  const upload = await uploadedFile(formData);
  if ("problem" in upload) return upload.problem;
  try {
    const result = await importRegister(caller, kind as RegisterImportKind, upload.file);
    if (!result.ok) return { status: "failed", errors: result.errors, omitted: result.omitted };
    revalidateRegister();
    return { status: "done", imported: result.imported, proposals: 0, message: `mineRegister.import.success_${kind}` };
  } catch (e) {
    if (e instanceof ServiceError && e.code === "FORBIDDEN") return fileProblem("problems.registerForbidden");
    throw e;
  }
}, importRefusal);

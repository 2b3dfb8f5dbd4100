"use server";

import { revalidatePath } from "next/cache";
import type { ImportFormState } from "@/lib/import/import-state";
import { formAction, type Refusal } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { ServiceError } from "@/lib/server/errors";
import { importSpotChecks } from "@/lib/server/services/import-spot-checks";
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from "@/lib/validation/import-limits";

function fileProblem(message: string, params?: Record<string, string | number>): ImportFormState {
  return { status: "failed", errors: [{ row: 0, column: "", message, ...(params ? { params } : {}) }], omitted: 0 };
}

const importRefusal = (reason: Refusal) =>
  fileProblem(reason === "databaseUnavailable" ? "problems.databaseUnavailable" : "problems.fileMissing");

export const importSpotChecksAction = formAction(async function importSpotChecksAction(
  _prev: ImportFormState,
  formData: FormData,
): Promise<ImportFormState> {
  const caller = await requireCaller();
  const file = formData.get("file");
  // A form submitted without a choice sends an empty, unnamed File.
  if (!(file instanceof File) || file.name === "") return fileProblem("problems.fileMissing");
  if (file.size > MAX_IMPORT_BYTES) return fileProblem("problems.fileTooLarge", { max: MAX_IMPORT_MB });
  let state: ImportFormState;
  try {
    const result = await importSpotChecks(caller, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    state = result.ok
      ? { status: "done", imported: result.imported, proposals: result.proposals }
      : { status: "failed", errors: result.errors, omitted: result.omitted };
  } catch (e) {
    if (e instanceof ServiceError && e.code === "FORBIDDEN") return fileProblem("problems.forbidden");
    throw e;
  }
  if (state.status === "done") {
    revalidatePath("/mines", "layout");
    revalidatePath("/decisions");
  }
  return state;
}, importRefusal);

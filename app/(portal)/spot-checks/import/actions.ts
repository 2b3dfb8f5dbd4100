"use server";

import { revalidatePath } from "next/cache";
import type { ImportFormState } from "@/lib/import/import-state";
import { formAction } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { ServiceError } from "@/lib/server/errors";
import { fileProblem, importRefusal, uploadedFile } from "@/lib/server/import/uploaded-file";
import { importSpotChecks } from "@/lib/server/services/import-spot-checks";

export const importSpotChecksAction = formAction(async function importSpotChecksAction(
  _prev: ImportFormState,
  formData: FormData,
): Promise<ImportFormState> {
  const caller = await requireCaller();
  const upload = await uploadedFile(formData);
  if ("problem" in upload) return upload.problem;
  let state: ImportFormState;
  try {
    const result = await importSpotChecks(caller, upload.file);
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

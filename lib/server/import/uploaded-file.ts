import "server-only";
import type { ImportFormState } from "@/lib/import/import-state";
import type { Refusal } from "@/lib/server/action-result";
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from "@/lib/validation/import-limits";

// What every import action does with the upload before its service reads it (spot-checks, the
// mine register): a problem with the whole file is row 0 of the error list.

/** A problem with the whole file, as the import form shows it next to the file input. */
export function fileProblem(message: string, params?: Record<string, string | number>): ImportFormState {
  return { status: "failed", errors: [{ row: 0, column: "", message, ...(params ? { params } : {}) }], omitted: 0 };
}

/** formAction's refusals (not a form; the database lost), in the import's words. */
export const importRefusal = (reason: Refusal) =>
  fileProblem(reason === "databaseUnavailable" ? "problems.databaseUnavailable" : "problems.fileMissing");

/** The uploaded file's name and bytes, or the problem that keeps it from being read. */
export async function uploadedFile(
  formData: FormData,
): Promise<{ file: { name: string; bytes: Uint8Array } } | { problem: ImportFormState }> {
  const file = formData.get("file");
  // A form submitted without a choice sends an empty, unnamed File.
  if (!(file instanceof File) || file.name === "") return { problem: fileProblem("problems.fileMissing") };
  if (file.size > MAX_IMPORT_BYTES) return { problem: fileProblem("problems.fileTooLarge", { max: MAX_IMPORT_MB }) };
  return { file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } };
}

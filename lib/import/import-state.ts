import { MAX_REPORTED_ERRORS } from "@/lib/validation/import-limits";
import type { ImportProblem } from "./sheet-file";

// What the import action returns to its form (useActionState): either the counts, or every problem
// as a catalogue key under "importForm" with its row and column.
export type ImportFormState =
  | { status: "idle" }
  /** `message`: the catalogue key (full path) of the success message, when not the spot-check one. */
  | { status: "done"; imported: number; proposals: number; message?: string }
  | { status: "failed"; errors: ImportProblem[]; omitted: number };

export const initialImportState: ImportFormState = { status: "idle" };

/** The problems an answer lists (the first MAX_REPORTED_ERRORS), and how many more were found. */
export function reportedProblems(problems: readonly ImportProblem[]): { errors: ImportProblem[]; omitted: number } {
  const errors = problems.slice(0, MAX_REPORTED_ERRORS);
  return { errors, omitted: problems.length - errors.length };
}

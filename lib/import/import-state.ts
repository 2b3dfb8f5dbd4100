import type { ImportProblem } from "./spot-check-file";

/** Upload limit of the import form; the server action refuses larger files before reading them. */
export const MAX_IMPORT_MB = 20;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;

// What the import action returns to its form (useActionState): either the counts, or every problem
// as a catalogue key under "importForm" with its row and column.
export type ImportFormState =
  | { status: "idle" }
  | { status: "done"; imported: number; proposals: number }
  | { status: "failed"; errors: ImportProblem[]; omitted: number };

export const initialImportState: ImportFormState = { status: "idle" };

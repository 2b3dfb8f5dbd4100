// Every CSV and XLSX file the portal writes passes its cells through safeCell, so that text a user
// typed (a decision number, a name) cannot run as a formula when the file is opened in a spreadsheet
// program (OWASP, "CSV Injection"). Numbers stay numbers.

/** What a spreadsheet program may read as the start of a formula, or of a cell it re-parses as one. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal ("-12.5"): a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A cell value that no spreadsheet program evaluates: text that begins with =, +, -, @, a tab or a
 * carriage return gets a leading single quote (shown as text, not evaluated), unless it is a plain
 * number. Numbers and empty cells pass unchanged.
 */
export function safeCell<T extends string | number | null | undefined>(value: T): T | string {
  if (typeof value !== "string" || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

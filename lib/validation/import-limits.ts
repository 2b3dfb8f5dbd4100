// Limits of the spot-check import, shared by the parser, the service, the form and the tests.
// Everything a file can make the server allocate is bounded here, and checked before the file is
// parsed (lib/import/xlsx-bounds.ts for workbooks, the CSV reader for text).

/** Upload limit: the form refuses larger files before sending them, the action before reading them. */
export const MAX_IMPORT_MB = 20;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;

/** Data rows per file: a 10,000-row file imports in seconds; far larger ones belong in several files. */
export const MAX_DATA_ROWS = 20_000;

/**
 * Entries in an XLSX file (a zip). A workbook from Excel, WPS or LibreOffice has 10–40: parts for the
 * workbook, each sheet, styles, shared strings, themes and document properties.
 */
export const MAX_ZIP_ENTRIES = 1_000;

/**
 * What the entries of an XLSX file may unpack to, in total. A 20,000-row workbook of the template's
 * 29 columns unpacks to about 20 MB (its sheet's XML); a zip bomb declares or holds gigabytes.
 */
export const MAX_UNZIPPED_MB = 64;
export const MAX_UNZIPPED_BYTES = MAX_UNZIPPED_MB * 1024 * 1024;

/** Problems listed in one answer; the rest are counted. */
export const MAX_REPORTED_ERRORS = 500;

/** The same limits as the spot-check form (lib/validation/spot-check.ts). */
export const MAX_TEAM_LENGTH = 200;
export const MAX_HIDDEN_DANGERS = 200;

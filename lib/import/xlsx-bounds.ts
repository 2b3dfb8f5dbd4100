// Bounds an XLSX file (a zip) before exceljs reads it. exceljs hands the bytes to jszip, which
// keeps every central-directory record it finds and then inflates each entry whole into memory
// before comparing its length with the declared size: a zip bomb of a few hundred kilobytes, or a
// directory of a few hundred thousand empty entries, would take gigabytes. So the file is checked
// here with the same library exceljs uses (the two cannot disagree on what the archive holds),
// streaming every entry through a counter that keeps none of it.
import JSZip from "jszip";
import { MAX_DATA_ROWS, MAX_UNZIPPED_BYTES, MAX_UNZIPPED_MB, MAX_ZIP_ENTRIES } from "@/lib/validation/import-limits";
import type { ImportProblem } from "./sheet-file";

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const END_OF_DIRECTORY_LENGTH = 22;
/** A directory record is 46 bytes plus its name; a workbook's names are short. */
const MAX_DIRECTORY_BYTES = MAX_ZIP_ENTRIES * 256;

function problem(message: string, params?: ImportProblem["params"]): ImportProblem {
  return { row: 0, column: "", message, ...(params ? { params } : {}) };
}

/**
 * The end-of-directory record, read as jszip reads it (the last signature in the file), so that
 * jszip's own reading is bounded before it starts: it walks directory records from the offset named
 * here for as long as their signatures continue, with no limit of its own. The directory must end
 * where this record begins (else jszip shifts every offset by the difference), be small, and name
 * few entries. Zip64 (its markers are all-ones counts and offsets) only serves archives far larger
 * than an upload, and is refused by the same checks.
 */
function directoryProblem(bytes: Buffer): ImportProblem | null {
  const at = bytes.lastIndexOf(END_OF_DIRECTORY);
  if (at < 0 || at + END_OF_DIRECTORY_LENGTH > bytes.length) return problem("problems.fileUnreadable");
  const entriesOnDisk = bytes.readUInt16LE(at + 8);
  const entries = bytes.readUInt16LE(at + 10);
  const size = bytes.readUInt32LE(at + 12);
  const offset = bytes.readUInt32LE(at + 16);
  if (entries > MAX_ZIP_ENTRIES || entriesOnDisk > MAX_ZIP_ENTRIES || size > MAX_DIRECTORY_BYTES) {
    return problem("problems.zipTooManyEntries", { max: MAX_ZIP_ENTRIES });
  }
  if (offset + size !== at) return problem("problems.fileUnreadable");
  return null;
}

/**
 * The uncompressed size the central directory declares. jszip keeps it on a field its typings
 * document but mark private (`_data`, a CompressedObject); an entry without it cannot be bounded.
 */
function declaredSize(entry: JSZip.JSZipObject): number | null {
  const data = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data;
  return typeof data?.uncompressedSize === "number" ? data.uncompressedSize : null;
}

const ROW_TAG = Buffer.from("<row");
/** What may follow the element name: whitespace, ">" or "/". */
const AFTER_ROW_TAG = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);

/** Counts `<row` elements (what exceljs reads as rows) across chunks, keeping only a tag's worth of bytes. */
function rowCounter() {
  let carry = Buffer.alloc(0);
  let rows = 0;
  return (chunk: Buffer): number => {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let i = data.indexOf(ROW_TAG);
    while (i >= 0 && i + ROW_TAG.length < data.length) {
      if (AFTER_ROW_TAG.has(data[i + ROW_TAG.length])) rows++;
      i = data.indexOf(ROW_TAG, i + 1);
    }
    carry = Buffer.from(data.subarray(i >= 0 ? i : Math.max(0, data.length - ROW_TAG.length + 1)));
    return rows;
  };
}

/**
 * Inflates an entry a chunk at a time until `check` finds a problem (then stops: jszip's stream is
 * paused, and jszip stops inflating once the stream's small buffer is full) or the entry ends.
 */
function eachChunk(entry: JSZip.JSZipObject, check: (chunk: Buffer) => ImportProblem | null) {
  return new Promise<ImportProblem | null>((resolve) => {
    const stream = entry.nodeStream("nodebuffer");
    let done = false;
    const finish = (result: ImportProblem | null) => {
      if (done) return;
      done = true;
      stream.pause();
      stream.removeAllListeners("data");
      resolve(result);
    };
    stream.on("data", (chunk: Buffer) => {
      const found = done ? null : check(chunk);
      if (found) finish(found);
    });
    stream.on("end", () => finish(null));
    stream.on("error", () => finish(problem("problems.fileUnreadable")));
  });
}

/**
 * Why an XLSX file may not be parsed, or null: too many entries, more than MAX_UNZIPPED_BYTES
 * declared, an entry that unpacks to more than it declares (cut off at once: jszip would only
 * notice after inflating all of it), or a sheet with more rows than a header and MAX_DATA_ROWS.
 * Reads at most the declared sizes, a chunk at a time; keeps nothing.
 */
export async function xlsxBoundsProblem(input: Uint8Array): Promise<ImportProblem | null> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const directory = directoryProblem(bytes);
  if (directory) return directory;

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return problem("problems.fileUnreadable");
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  if (entries.length > MAX_ZIP_ENTRIES) return problem("problems.zipTooManyEntries", { max: MAX_ZIP_ENTRIES });

  let declared = 0;
  for (const entry of entries) {
    const size = declaredSize(entry);
    if (size === null) return problem("problems.fileUnreadable");
    declared += size;
    if (declared > MAX_UNZIPPED_BYTES) return problem("problems.zipTooLarge", { max: MAX_UNZIPPED_MB });
  }

  for (const entry of entries) {
    const limit = declaredSize(entry)!;
    const countRows = rowCounter();
    let unpacked = 0;
    const found = await eachChunk(entry, (chunk) => {
      unpacked += chunk.length;
      if (unpacked > limit) return problem("problems.fileUnreadable");
      if (countRows(chunk) > MAX_DATA_ROWS + 1) return problem("problems.tooManyRows", { max: MAX_DATA_ROWS });
      return null;
    });
    if (found) return found;
  }
  return null;
}

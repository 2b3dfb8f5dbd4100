// Hostile zip files for the import's bounds: zip bombs, archives of many entries, and directories
// that lie. Written byte by byte (APPNOTE.TXT, sections 4.3.7, 4.3.12 and 4.3.16) because no zip
// library writes a header that lies; the compressed data comes from Node's zlib.
import zlib from "node:zlib";
import ExcelJS from "exceljs";

export interface ZipEntry {
  name: string;
  /** Raw deflate data (method 8). */
  data: Buffer;
  crc: number;
  /** What the headers declare; the data may unpack to more. */
  uncompressedSize: number;
}

/** A zip of `entries`; `entryCount` overrides the count the end record declares. */
export function zipArchive(entries: ZipEntry[], opts: { entryCount?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = opts.entryCount ?? entries.length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An entry holding `text`, honestly declared. */
export function textEntry(name: string, text: string | Buffer): ZipEntry {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8");
  return { name, data: zlib.deflateRawSync(bytes), crc: zlib.crc32(bytes), uncompressedSize: bytes.length };
}

const MiB = 1024 * 1024;

/**
 * Raw deflate data that unpacks to `mib` MiB of zeros, without ever holding them: one MiB of zeros
 * compressed with a full flush (no reference reaches back before it) is repeated, then a final
 * empty block ends the stream. About 1 KB per MiB, so 1 GiB fits in about 1 MB.
 */
export function zerosDeflated(mib: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(MiB), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const end = zlib.deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: mib }, () => block), end]);
}

/** CRC-32 of `mib` MiB of zeros. */
function zerosCrc(mib: number): number {
  const chunk = Buffer.alloc(MiB);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(chunk, crc);
  return crc;
}

/** The parts of a real one-sheet workbook (as exceljs writes it), to disguise a bomb as an .xlsx. */
export async function workbookEntries(): Promise<ZipEntry[]> {
  const JSZip = (await import("jszip")).default;
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("data").addRow(["mine_code"]);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const entries: ZipEntry[] = [];
  for (const file of Object.values(zip.files)) {
    if (!file.dir) entries.push(textEntry(file.name, await file.async("nodebuffer")));
  }
  return entries;
}

/**
 * A workbook whose sheet unpacks to `mib` MiB of zeros. `declared`: "honest" declares that size;
 * "lying" declares 1 KB, as if the sheet were small.
 */
export async function zipBombXlsx(mib: number, declared: "honest" | "lying"): Promise<Buffer> {
  const parts = (await workbookEntries()).filter((e) => e.name !== "xl/worksheets/sheet1.xml");
  const sheet: ZipEntry = {
    name: "xl/worksheets/sheet1.xml",
    data: zerosDeflated(mib),
    crc: declared === "honest" ? zerosCrc(mib) : 0,
    uncompressedSize: declared === "honest" ? mib * MiB : 1024,
  };
  return zipArchive([...parts, sheet]);
}

/** A workbook whose only sheet holds `rows` rows of one cell: small packed, large once parsed. */
export async function manyRowsXlsx(rows: number): Promise<Buffer> {
  const parts = (await workbookEntries()).filter((e) => e.name !== "xl/worksheets/sheet1.xml");
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    body.join("") +
    "</sheetData></worksheet>";
  return zipArchive([...parts, textEntry("xl/worksheets/sheet1.xml", xml)]);
}

/** An archive of `count` empty entries; `declaredCount` is what its end record claims. */
export function manyEntriesZip(count: number, declaredCount = count): Buffer {
  const empty = textEntry("x", "");
  const entries = Array.from({ length: count }, (_, i) => ({ ...empty, name: `e${i}` }));
  return zipArchive(entries, { entryCount: declaredCount & 0xffff });
}

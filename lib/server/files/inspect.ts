import "server-only";
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import {
  EVIDENCE_MIME_TYPES,
  MAX_EVIDENCE_FILE_BYTES,
  MAX_EVIDENCE_FILE_MB,
  MAX_EVIDENCE_FILES_PER_RECORD,
  MAX_EVIDENCE_UPLOAD_BYTES,
  MAX_EVIDENCE_UPLOAD_MB,
  THUMBNAIL_EDGE,
  type EvidenceMimeType,
} from "@/lib/validation/evidence-limits";
import { ServiceError } from "@/lib/server/errors";

/** A file as uploaded: its name (shown, never trusted) and its bytes. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

/** A file ready to store: the type detected from its bytes, the bytes to keep, their checksum, a thumbnail. */
export interface PreparedFile {
  filename: string;
  mimeType: EvidenceMimeType;
  bytes: Uint8Array<ArrayBuffer>;
  size: number;
  sha256: string;
  thumbnail: Uint8Array<ArrayBuffer> | null;
}

/** The field every evidence problem is reported on (the forms' file input is named "files"). */
export const FILES_FIELD = "files";

function refuse(key: string, params: Record<string, string | number> = {}): never {
  throw new ServiceError("VALIDATION", "validation", { [FILES_FIELD]: key }, params);
}

const IMAGE_TYPES: readonly string[] = ["image/jpeg", "image/png", "image/webp"];

/** The files a form sent under "files": a submission without a choice sends one empty, unnamed File. */
export async function uploadsOf(formData: FormData): Promise<Upload[]> {
  const files = formData.getAll(FILES_FIELD).filter((f): f is File => f instanceof File && f.name !== "" && f.size > 0);
  // Sizes are checked before any file is read into memory.
  checkSizes(files.map((f) => ({ name: f.name, size: f.size })));
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

function checkSizes(files: { name: string; size: number }[], already = 0) {
  if (already + files.length > MAX_EVIDENCE_FILES_PER_RECORD)
    refuse("tooManyFiles", { max: MAX_EVIDENCE_FILES_PER_RECORD });
  const big = files.find((f) => f.size > MAX_EVIDENCE_FILE_BYTES);
  if (big) refuse("fileTooLarge", { max: MAX_EVIDENCE_FILE_MB, name: big.name.slice(0, 100) });
  if (files.reduce((s, f) => s + f.size, 0) > MAX_EVIDENCE_UPLOAD_BYTES)
    refuse("uploadTooLarge", { max: MAX_EVIDENCE_UPLOAD_MB });
}

/** The limits of one upload to a record that already holds `already` files; throws a field error. */
export function checkLimits(uploads: Upload[], already: number) {
  checkSizes(
    uploads.map((u) => ({ name: u.name, size: u.bytes.byteLength })),
    already,
  );
}

/** A file name safe to store and to send back: no path, no control characters, at most 255 characters. */
export function cleanFilename(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return (base || "file").slice(0, 255);
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const own = (b: Uint8Array | Buffer): Uint8Array<ArrayBuffer> => new Uint8Array(b);

/**
 * Checks and prepares one file: the type comes from its bytes (magic numbers, `file-type`); an image
 * must decode, gets a JPEG thumbnail without metadata, and with `stripMetadata` is re-encoded without
 * its EXIF (GPS position, camera, time), turned upright first since the orientation tag goes too.
 */
export async function prepareFile(upload: Upload, opts: { stripMetadata: boolean }): Promise<PreparedFile> {
  if (upload.bytes.byteLength === 0) refuse("fileEmpty");
  const detected = await fileTypeFromBuffer(upload.bytes);
  const mime = detected?.mime;
  if (!mime || !(EVIDENCE_MIME_TYPES as readonly string[]).includes(mime))
    refuse("fileType", { name: cleanFilename(upload.name).slice(0, 100) });
  const mimeType = mime as EvidenceMimeType;
  let bytes = own(upload.bytes);
  let thumbnail: Uint8Array<ArrayBuffer> | null = null;
  if (IMAGE_TYPES.includes(mimeType)) {
    try {
      if (opts.stripMetadata) {
        const image = sharp(upload.bytes, { failOn: "error" }).rotate();
        const out =
          mimeType === "image/png"
            ? image.png()
            : mimeType === "image/webp"
              ? image.webp({ quality: 90 })
              : image.jpeg({ quality: 90 });
        bytes = own(await out.toBuffer());
      }
      thumbnail = own(
        await sharp(upload.bytes, { failOn: "error" })
          .rotate()
          .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: "inside", withoutEnlargement: true })
          // A transparent PNG or WebP on white, not black, once it is a JPEG.
          .flatten({ background: "#ffffff" })
          .jpeg({ quality: 75 })
          .toBuffer(),
      );
    } catch {
      // Magic numbers of an image with a body that does not decode.
      refuse("fileUnreadable", { name: cleanFilename(upload.name).slice(0, 100) });
    }
  }
  return {
    filename: cleanFilename(upload.name),
    mimeType,
    bytes,
    size: bytes.byteLength,
    sha256: sha256(bytes),
    thumbnail,
  };
}

/** Prepares every file of an upload (limits first, then each file), or throws the first problem. */
export async function prepareFiles(uploads: Upload[], opts: { stripMetadata: boolean; already?: number }) {
  checkLimits(uploads, opts.already ?? 0);
  const out: PreparedFile[] = [];
  for (const u of uploads) out.push(await prepareFile(u, opts));
  return out;
}

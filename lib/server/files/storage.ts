import "server-only";
import type { DbOrTx, Tx } from "@/lib/server/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EvidenceOwnerKind } from "@/lib/validation/evidence-limits";
import type { PreparedFile } from "./inspect";

// Where evidence bytes live. The default keeps them in PostgreSQL (EvidenceFile.bytes, bytea), so a
// portal needs nothing else installed, a file is written in the same transaction as its record and
// its audit row, and `npm run db:backup` carries the files with everything else. Another store (an
// object store) implements the same four calls; who may read or write is never the store's concern
// (lib/server/files/access.ts decides before it is called).

export interface EvidenceOwner {
  kind: EvidenceOwnerKind;
  id: number;
}

/** What a page lists: everything but the bytes. */
export interface EvidenceFileInfo {
  id: number;
  owner: EvidenceOwner;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
  hasThumbnail: boolean;
  createdAt: Date;
}

export interface EvidenceContent {
  filename: string;
  mimeType: string;
  sha256: string;
  bytes: Uint8Array;
}

export interface EvidenceStorage {
  /** Stores one file of `owner` inside the caller's transaction; returns its id. */
  save(tx: Tx, owner: EvidenceOwner, file: PreparedFile, uploadedById: number | null): Promise<number>;
  /** How many files `owner` holds (inside the transaction that adds more). */
  count(tx: Tx, owner: EvidenceOwner): Promise<number>;
  /** The files among those `where` admits, without their bytes. */
  list(db: DbOrTx, where: Prisma.EvidenceFileWhereInput): Promise<EvidenceFileInfo[]>;
  /** One file's bytes (or its thumbnail's) when `where` admits it; null otherwise. */
  open(db: DbOrTx, where: Prisma.EvidenceFileWhereInput, variant: "file" | "thumb"): Promise<EvidenceContent | null>;
}

export const OWNER_COLUMN = {
  finding: "findingId",
  accident: "accidentId",
  hiddenDanger: "hiddenDangerId",
  objection: "objectionId",
  application: "applicationId",
} as const satisfies Record<EvidenceOwnerKind, keyof Prisma.EvidenceFileUncheckedCreateInput>;

const ownerOf = (row: Record<(typeof OWNER_COLUMN)[EvidenceOwnerKind], number | null>): EvidenceOwner => {
  for (const [kind, column] of Object.entries(OWNER_COLUMN) as [EvidenceOwnerKind, keyof typeof row][])
    if (row[column] !== null) return { kind, id: row[column]! };
  throw new Error("EvidenceFile without an owner"); // the table's CHECK forbids it
};

const ownerColumns = {
  findingId: true,
  accidentId: true,
  hiddenDangerId: true,
  objectionId: true,
  applicationId: true,
} as const;

/** The default: bytes and thumbnail in the EvidenceFile row. */
export const postgresStorage: EvidenceStorage = {
  async save(tx, owner, file, uploadedById) {
    const row = await tx.evidenceFile.create({
      data: {
        [OWNER_COLUMN[owner.kind]]: owner.id,
        filename: file.filename,
        mimeType: file.mimeType,
        size: file.size,
        sha256: file.sha256,
        bytes: file.bytes,
        thumbnail: file.thumbnail,
        uploadedById,
      },
      select: { id: true },
    });
    return row.id;
  },
  count(tx, owner) {
    return tx.evidenceFile.count({ where: { [OWNER_COLUMN[owner.kind]]: owner.id } });
  },
  async list(db, where) {
    const rows = await db.evidenceFile.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        filename: true,
        mimeType: true,
        size: true,
        sha256: true,
        createdAt: true,
        ...ownerColumns,
        // Whether there is a thumbnail, without reading it: images have one, PDFs none.
      },
    });
    return rows.map((r) => ({
      id: r.id,
      owner: ownerOf(r),
      filename: r.filename,
      mimeType: r.mimeType,
      size: r.size,
      sha256: r.sha256,
      hasThumbnail: r.mimeType.startsWith("image/"),
      createdAt: r.createdAt,
    }));
  },
  async open(db, where, variant) {
    const row = await db.evidenceFile.findFirst({
      where,
      select: {
        filename: true,
        mimeType: true,
        sha256: true,
        bytes: variant === "file",
        thumbnail: variant === "thumb",
      },
    });
    if (!row) return null;
    const bytes = variant === "file" ? row.bytes : row.thumbnail;
    if (!bytes) return null;
    return {
      filename: row.filename,
      mimeType: variant === "file" ? row.mimeType : "image/jpeg",
      sha256: row.sha256,
      bytes,
    };
  },
};

/** The store in use. */
export const evidenceStorage: EvidenceStorage = postgresStorage;

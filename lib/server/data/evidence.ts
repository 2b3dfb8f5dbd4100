import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { readableEvidence } from "@/lib/server/files/access";
import { OWNER_COLUMN, evidenceStorage, type EvidenceFileInfo } from "@/lib/server/files/storage";
import type { EvidenceOwnerKind } from "@/lib/validation/evidence-limits";

/**
 * The files of records of one kind that the caller may read, by record id (records without files
 * are absent). Held to the same rule as each download (readableEvidence), whatever the page checked.
 */
export async function evidenceOf(
  caller: Caller | null,
  kind: EvidenceOwnerKind,
  ids: number[],
  opts: { db?: Db } = {},
): Promise<Map<number, EvidenceFileInfo[]>> {
  const byOwner = new Map<number, EvidenceFileInfo[]>();
  if (ids.length === 0) return byOwner;
  const files = await evidenceStorage.list(opts.db ?? defaultDb, {
    AND: [{ [OWNER_COLUMN[kind]]: { in: ids } }, readableEvidence(caller)],
  });
  for (const f of files) {
    const list = byOwner.get(f.owner.id) ?? [];
    list.push(f);
    byOwner.set(f.owner.id, list);
  }
  return byOwner;
}

/** One file's bytes (or its thumbnail) when the caller may read its record; null otherwise (a 404). */
export async function openEvidence(
  caller: Caller | null,
  id: number,
  variant: "file" | "thumb",
  opts: { db?: Db } = {},
) {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  return evidenceStorage.open(opts.db ?? defaultDb, { AND: [{ id }, readableEvidence(caller)] }, variant);
}

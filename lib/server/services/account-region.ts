import "server-only";
import type { Tx } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";

const LEVEL_OF_LENGTH = { 2: "PROVINCE", 4: "PREFECTURE", 6: "COUNTY" } as const;

/** A jurisdiction must name a region of the GB/T 2260 table (the picker offers only those); "" is national. */
export async function checkAccountRegion(tx: Tx, code: string, field = "jurisdiction"): Promise<void> {
  if (code === "") return;
  const level = LEVEL_OF_LENGTH[code.length as 2 | 4 | 6];
  const region = level ? await tx.region.findUnique({ where: { code }, select: { level: true } }) : null;
  if (!region || region.level !== level)
    throw new ServiceError("VALIDATION", "validation", { [field]: "regionUnknown" });
}

import { z } from "zod";
import { MAX_ID } from "./primitives";
import { EVIDENCE_OWNER_KINDS } from "./evidence-limits";

/** The record an upload goes to (the files themselves are read from the form by the action). */
export const attachEvidenceSchema = z.object({
  ownerKind: z.enum(EVIDENCE_OWNER_KINDS, { message: "invalid" }),
  ownerId: z.coerce.number({ message: "invalid" }).int("invalid").positive("invalid").max(MAX_ID, "invalid"),
});
export type AttachEvidenceInput = z.infer<typeof attachEvidenceSchema>;

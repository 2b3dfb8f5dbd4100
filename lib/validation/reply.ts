import { z } from "zod";
import { hasNoNul, MAX_ID } from "./primitives";

/** The longest reply a mine manager may attach to a finding or a decision. */
export const REPLY_MAX_LENGTH = 2000;

export const REPLY_TARGETS = ["finding", "decision"] as const;
export type ReplyTarget = (typeof REPLY_TARGETS)[number];

export const replySchema = z.object({
  target: z.enum(REPLY_TARGETS, { message: "invalid" }),
  targetId: z.coerce.number({ message: "invalid" }).int("invalid").positive("invalid").max(MAX_ID, "invalid"),
  text: z.string().trim().min(1, "required").max(REPLY_MAX_LENGTH, "tooLong").refine(hasNoNul, "invalid"),
});

export type ReplyInput = z.infer<typeof replySchema>;

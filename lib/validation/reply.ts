import { z } from "zod";
import { MAX_ID, requiredText } from "./primitives";
import { REPLY_MAX_LENGTH } from "./text-limits";

export { REPLY_MAX_LENGTH };

export const REPLY_TARGETS = ["finding", "decision"] as const;
export type ReplyTarget = (typeof REPLY_TARGETS)[number];

export const replySchema = z.object({
  target: z.enum(REPLY_TARGETS, { message: "invalid" }),
  targetId: z.coerce.number({ message: "invalid" }).int("invalid").positive("invalid").max(MAX_ID, "invalid"),
  text: requiredText(REPLY_MAX_LENGTH),
});

export type ReplyInput = z.infer<typeof replySchema>;

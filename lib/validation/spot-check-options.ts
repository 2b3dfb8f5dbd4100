// The choices of the spot-check form, apart from its schema: the form (a client component) needs them,
// and importing them from spot-check.ts would send zod to the browser with them.
import { SpotCheckConclusion, SpotCheckType, type FindingSeverity } from "@/lib/generated/prisma/enums";

export const SPOT_CHECK_TYPES = Object.values(SpotCheckType);
export const CONCLUSIONS = Object.values(SpotCheckConclusion);
/** A finding's severity, the ordinary one first (the forms' default). */
export const SEVERITIES = ["GENERAL", "MAJOR"] as const satisfies readonly FindingSeverity[];

// The longest text each form field takes, in characters as the schemas count them (after
// trimming). Kept apart from the zod schemas, which use them, so that the forms can state each
// limit next to its field and count against it without shipping zod to the browser.

export const SPOT_CHECK_LIMITS = { team: 200, findingText: 2000, hiddenDanger: 2000, notes: 4000 } as const;
export const AMENDMENT_LIMITS = { team: SPOT_CHECK_LIMITS.team, notes: SPOT_CHECK_LIMITS.notes } as const;
export const EVENT_LIMITS = { description: 4000 } as const;
export const DECISION_LIMITS = { number: 100, legalBasis: 1000, reason: 2000 } as const;
export const APPLICATION_LIMITS = { note: 2000, reason: 2000, announcementNo: 100, evidence: 1000 } as const;
/** A public objection: enough for a letter, not for a dump. */
export const OBJECTION_LIMITS = { name: 100, contact: 200, text: 4000 } as const;
/** The longest reply a mine manager may attach to a finding or a decision. */
export const REPLY_MAX_LENGTH = 2000;
/** A holiday's name in the working-day calendar, and the notice a year's calendar comes from. */
export const CALENDAR_NAME_MAX_LENGTH = 100;
export const CALENDAR_SOURCE_MAX_LENGTH = 200;
/** User accounts and authorities (administration pages). */
export const ADMIN_LIMITS = { email: 254, userName: 100, authorityName: 200 } as const;
/** The mine register: names as the register prints them, a status change's reason and document number. */
export const REGISTER_LIMITS = { name: 100, enterpriseName: 200, reason: 1000, documentNo: 100 } as const;
/** A rule version's name (zh/en), as the list and the detail page show it. */
export const RULE_VERSION_NAME_MAX_LENGTH = 200;

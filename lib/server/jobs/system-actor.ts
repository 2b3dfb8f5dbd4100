// The system actor: who the scheduled jobs (lib/server/jobs) act as. A reserved account with id 0,
// written by the migration that added the jobs (prisma/migrations/*_scheduled_jobs): inactive, with
// a password hash no password matches, so nobody signs in as it, and left out of the administration
// pages (lib/server/data/users.ts, lib/server/services/managed-user.ts). A job's writes and audit
// rows name it, so the audit log tells a job's change from a person's (actorId null stays what it
// was: a member of the public, e.g. an objection).
export const SYSTEM_ACTOR_ID = 0;

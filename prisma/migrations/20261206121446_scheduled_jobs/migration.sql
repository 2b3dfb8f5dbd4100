-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('GRADE_EXPIRY', 'FINDING_OVERDUE');

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" VARCHAR(48) NOT NULL,
    "scheduledFor" TIMESTAMP(3),
    "requestedById" INTEGER,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "workerId" VARCHAR(64),
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "status" "JobRunStatus" NOT NULL DEFAULT 'RUNNING',
    "result" JSONB,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobReminder" (
    "id" SERIAL NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE INDEX "JobRun_job_scheduledFor_idx" ON "JobRun"("job", "scheduledFor");

-- CreateIndex
CREATE UNIQUE INDEX "JobReminder_kind_subjectId_threshold_key" ON "JobReminder"("kind", "subjectId", "threshold");

-- The system actor (lib/server/jobs/system-actor.ts): the scheduled jobs' writes and audit rows name
-- it. A reserved account, id 0 (the id sequence starts at 1, so no real account ever has it),
-- inactive and with no password hash any password could match, so nobody can sign in as it; the
-- administration pages do not list it.
INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "jurisdiction", "active")
VALUES (0, 'system@jobs.invalid', '系统任务 (Scheduled jobs)', '!', 'ADMIN', '', false)
ON CONFLICT DO NOTHING;

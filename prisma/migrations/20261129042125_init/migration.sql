-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('PROVINCE', 'PREFECTURE', 'COUNTY');

-- CreateEnum
CREATE TYPE "MineType" AS ENUM ('UNDERGROUND', 'OPEN_PIT');

-- CreateEnum
CREATE TYPE "ProductionStatus" AS ENUM ('NORMAL_PRODUCTION', 'NORMAL_CONSTRUCTION', 'STOPPED', 'ANNOUNCED_CLOSURE', 'CLOSED');

-- CreateEnum
CREATE TYPE "GasGrade" AS ENUM ('LOW', 'HIGH', 'OUTBURST');

-- CreateEnum
CREATE TYPE "HydroType" AS ENUM ('SIMPLE', 'MEDIUM', 'COMPLEX', 'EXTREMELY_COMPLEX');

-- CreateEnum
CREATE TYPE "CombustionClass" AS ENUM ('I', 'II', 'III');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'NATIONAL_REGULATOR', 'PROVINCIAL_REGULATOR', 'LOCAL_REGULATOR', 'OFFICIAL', 'MINE_MANAGER');

-- CreateEnum
CREATE TYPE "AuthorityKind" AS ENUM ('NATIONAL', 'PROVINCIAL', 'PREFECTURE', 'COUNTY');

-- CreateEnum
CREATE TYPE "VetoKind" AS ENUM ('FATAL_ACCIDENT', 'FAILED_ASSESSMENT', 'RECENT_DECISION');

-- CreateEnum
CREATE TYPE "HiddenDangerSource" AS ENUM ('SELF_REPORTED', 'REGULATOR');

-- CreateEnum
CREATE TYPE "ScoresheetKind" AS ENUM ('SELF_ASSESSMENT', 'ASSESSMENT', 'SPOT_CHECK');

-- CreateEnum
CREATE TYPE "SpotCheckType" AS ENUM ('ROUTINE', 'RE_REVIEW', 'ACCIDENT_TRIGGERED');

-- CreateEnum
CREATE TYPE "SpotCheckStatus" AS ENUM ('DRAFT', 'COMPLETED');

-- CreateEnum
CREATE TYPE "SpotCheckConclusion" AS ENUM ('GRADE_MAINTAINED', 'DOWNGRADE_PROPOSED', 'REVOCATION_PROPOSED', 'RECTIFICATION_ORDERED');

-- CreateEnum
CREATE TYPE "FindingSeverity" AS ENUM ('MAJOR', 'GENERAL');

-- CreateEnum
CREATE TYPE "ApplicationState" AS ENUM ('DRAFT', 'SUBMITTED', 'INITIAL_REVIEW_PASSED', 'ASSESSED', 'PUBLIC_NOTICE', 'ANNOUNCED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "GradeEndReason" AS ENUM ('DOWNGRADED', 'REVOKED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "DecisionType" AS ENUM ('DOWNGRADE', 'REVOCATION');

-- CreateEnum
CREATE TYPE "DecisionReason" AS ENUM ('FATAL_ACCIDENT', 'HIDDEN_DANGERS', 'PRODUCTION_STOPPED', 'MANAGEMENT_SLIDE', 'FALSIFICATION');

-- CreateEnum
CREATE TYPE "DecisionStatus" AS ENUM ('PROPOSED', 'CONFIRMED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ObjectionStatus" AS ENUM ('OPEN', 'UPHELD', 'DISMISSED');

-- CreateTable
CREATE TABLE "Region" (
    "code" VARCHAR(6) NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT,
    "level" "RegionLevel" NOT NULL,
    "parentCode" VARCHAR(6),

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mine" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(24) NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "provinceCode" VARCHAR(2) NOT NULL,
    "prefectureCode" VARCHAR(4) NOT NULL,
    "countyCode" VARCHAR(6) NOT NULL,
    "enterpriseId" INTEGER,
    "type" "MineType" NOT NULL,
    "capacity" INTEGER NOT NULL,
    "gasGrade" "GasGrade" NOT NULL,
    "hydroType" "HydroType" NOT NULL,
    "rockBurst" BOOLEAN NOT NULL DEFAULT false,
    "combustionClass" "CombustionClass" NOT NULL,
    "status" "ProductionStatus" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MineStatusPeriod" (
    "id" SERIAL NOT NULL,
    "mineId" INTEGER NOT NULL,
    "status" "ProductionStatus" NOT NULL,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,

    CONSTRAINT "MineStatusPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Accident" (
    "id" SERIAL NOT NULL,
    "mineId" INTEGER NOT NULL,
    "occurredOn" DATE NOT NULL,
    "deaths" INTEGER NOT NULL,
    "injuries" INTEGER NOT NULL DEFAULT 0,
    "description" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Accident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HiddenDanger" (
    "id" SERIAL NOT NULL,
    "mineId" INTEGER NOT NULL,
    "source" "HiddenDangerSource" NOT NULL,
    "foundOn" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "spotCheckId" INTEGER,
    "rectifiedOn" DATE,
    "reportedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HiddenDanger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleVersion" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "documentNo" TEXT,
    "effectiveFrom" DATE NOT NULL,
    "validityYears" INTEGER NOT NULL DEFAULT 3,
    "publicNoticeDays" INTEGER NOT NULL DEFAULT 5,
    "placeholderWeights" BOOLEAN NOT NULL DEFAULT true,
    "hiddenDangerWindowMonths" INTEGER NOT NULL DEFAULT 6,
    "stoppedMonthsLimit" INTEGER NOT NULL DEFAULT 6,
    "gradeRequiredToProduce" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RuleVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RulePart" (
    "id" SERIAL NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "RulePart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleElement" (
    "id" SERIAL NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "mineType" "MineType" NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "partCode" VARCHAR(16) NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "weight" DECIMAL(6,4) NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "RuleElement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleLevelThreshold" (
    "id" SERIAL NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "partCode" VARCHAR(16),
    "minScore" DECIMAL(5,2) NOT NULL,

    CONSTRAINT "RuleLevelThreshold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleVeto" (
    "id" SERIAL NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "kind" "VetoKind" NOT NULL,
    "accidentClass" VARCHAR(16),
    "windowMonths" INTEGER NOT NULL,

    CONSTRAINT "RuleVeto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Authority" (
    "id" SERIAL NOT NULL,
    "kind" "AuthorityKind" NOT NULL,
    "regionCode" VARCHAR(6) NOT NULL DEFAULT '',
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "Authority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvinceGradingConfig" (
    "id" SERIAL NOT NULL,
    "provinceCode" VARCHAR(2) NOT NULL,
    "level" INTEGER NOT NULL,
    "graderKind" "AuthorityKind" NOT NULL,

    CONSTRAINT "ProvinceGradingConfig_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scoresheet" (
    "id" SERIAL NOT NULL,
    "mineId" INTEGER NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "kind" "ScoresheetKind" NOT NULL,
    "mineType" "MineType" NOT NULL,
    "total" DECIMAL(6,2) NOT NULL,
    "level" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Scoresheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ElementScore" (
    "scoresheetId" INTEGER NOT NULL,
    "elementCode" VARCHAR(16) NOT NULL,
    "score" DECIMAL(5,2),
    "notApplicable" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ElementScore_pkey" PRIMARY KEY ("scoresheetId","elementCode")
);

-- CreateTable
CREATE TABLE "GradeApplication" (
    "id" SERIAL NOT NULL,
    "mineId" INTEGER NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "appliedLevel" INTEGER NOT NULL,
    "state" "ApplicationState" NOT NULL DEFAULT 'DRAFT',
    "selfScoresheetId" INTEGER,
    "assessedScoresheetId" INTEGER,
    "resultLevel" INTEGER,
    "submittedOn" DATE,
    "noticeStartsOn" DATE,
    "noticeEndsOn" DATE,
    "rejectionReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GradeApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationEvent" (
    "id" SERIAL NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "fromState" "ApplicationState",
    "toState" "ApplicationState" NOT NULL,
    "actorId" INTEGER,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Objection" (
    "id" SERIAL NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "ObjectionStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpotCheck" (
    "id" SERIAL NOT NULL,
    "mineId" INTEGER NOT NULL,
    "checkedOn" DATE NOT NULL,
    "type" "SpotCheckType" NOT NULL,
    "status" "SpotCheckStatus" NOT NULL DEFAULT 'COMPLETED',
    "authorityId" INTEGER NOT NULL,
    "team" TEXT NOT NULL,
    "scoresheetId" INTEGER NOT NULL,
    "conclusion" "SpotCheckConclusion" NOT NULL,
    "notes" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpotCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" SERIAL NOT NULL,
    "spotCheckId" INTEGER NOT NULL,
    "elementCode" VARCHAR(16) NOT NULL,
    "text" TEXT NOT NULL,
    "severity" "FindingSeverity" NOT NULL,
    "rectifyBy" DATE,
    "rectifiedOn" DATE,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grade" (
    "id" SERIAL NOT NULL,
    "mineId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "authorityId" INTEGER NOT NULL,
    "announcementNo" TEXT NOT NULL,
    "announcedOn" DATE NOT NULL,
    "validUntil" DATE NOT NULL,
    "endedOn" DATE,
    "endReason" "GradeEndReason",
    "endedByDecisionId" INTEGER,
    "applicationId" INTEGER,
    "fromDecisionId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Grade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" SERIAL NOT NULL,
    "mineId" INTEGER NOT NULL,
    "gradeId" INTEGER NOT NULL,
    "type" "DecisionType" NOT NULL,
    "reason" "DecisionReason" NOT NULL,
    "fromLevel" INTEGER NOT NULL,
    "toLevel" INTEGER,
    "status" "DecisionStatus" NOT NULL DEFAULT 'PROPOSED',
    "triggerKey" TEXT,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "legalBasis" TEXT,
    "number" TEXT,
    "authorityId" INTEGER,
    "effectiveOn" DATE,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "proposedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "withdrawnReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpotCheckTarget" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "regionCode" VARCHAR(6) NOT NULL DEFAULT '',
    "level" INTEGER,
    "ratio" DECIMAL(5,4) NOT NULL,

    CONSTRAINT "SpotCheckTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reply" (
    "id" SERIAL NOT NULL,
    "authorId" INTEGER NOT NULL,
    "findingId" INTEGER,
    "decisionId" INTEGER,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "jurisdiction" VARCHAR(6) NOT NULL DEFAULT '',
    "mineId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL DEFAULT '',
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "regionCode" VARCHAR(6) NOT NULL DEFAULT '',
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Region_parentCode_idx" ON "Region"("parentCode");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_name_key" ON "Enterprise"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Mine_code_key" ON "Mine"("code");

-- CreateIndex
CREATE INDEX "Mine_provinceCode_prefectureCode_idx" ON "Mine"("provinceCode", "prefectureCode");

-- CreateIndex
CREATE INDEX "Mine_prefectureCode_idx" ON "Mine"("prefectureCode");

-- CreateIndex
CREATE INDEX "Mine_countyCode_idx" ON "Mine"("countyCode");

-- CreateIndex
CREATE INDEX "Mine_enterpriseId_idx" ON "Mine"("enterpriseId");

-- CreateIndex
CREATE INDEX "Mine_status_idx" ON "Mine"("status");

-- CreateIndex
CREATE INDEX "Mine_name_idx" ON "Mine"("name");

-- CreateIndex
CREATE INDEX "MineStatusPeriod_mineId_startedOn_idx" ON "MineStatusPeriod"("mineId", "startedOn");

-- CreateIndex
CREATE INDEX "MineStatusPeriod_status_startedOn_endedOn_idx" ON "MineStatusPeriod"("status", "startedOn", "endedOn");

-- CreateIndex
CREATE INDEX "Accident_mineId_occurredOn_idx" ON "Accident"("mineId", "occurredOn");

-- CreateIndex
CREATE INDEX "Accident_occurredOn_idx" ON "Accident"("occurredOn");

-- CreateIndex
CREATE INDEX "HiddenDanger_mineId_foundOn_idx" ON "HiddenDanger"("mineId", "foundOn");

-- CreateIndex
CREATE INDEX "HiddenDanger_spotCheckId_idx" ON "HiddenDanger"("spotCheckId");

-- CreateIndex
CREATE UNIQUE INDEX "RuleVersion_code_key" ON "RuleVersion"("code");

-- CreateIndex
CREATE UNIQUE INDEX "RulePart_ruleVersionId_code_key" ON "RulePart"("ruleVersionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "RuleElement_ruleVersionId_mineType_code_key" ON "RuleElement"("ruleVersionId", "mineType", "code");

-- CreateIndex
CREATE UNIQUE INDEX "RuleLevelThreshold_ruleVersionId_level_partCode_key" ON "RuleLevelThreshold"("ruleVersionId", "level", "partCode");

-- CreateIndex
CREATE UNIQUE INDEX "Authority_kind_regionCode_key" ON "Authority"("kind", "regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "ProvinceGradingConfig_provinceCode_level_key" ON "ProvinceGradingConfig"("provinceCode", "level");

-- CreateIndex
CREATE INDEX "Scoresheet_mineId_idx" ON "Scoresheet"("mineId");

-- CreateIndex
CREATE UNIQUE INDEX "GradeApplication_selfScoresheetId_key" ON "GradeApplication"("selfScoresheetId");

-- CreateIndex
CREATE UNIQUE INDEX "GradeApplication_assessedScoresheetId_key" ON "GradeApplication"("assessedScoresheetId");

-- CreateIndex
CREATE INDEX "GradeApplication_mineId_idx" ON "GradeApplication"("mineId");

-- CreateIndex
CREATE INDEX "GradeApplication_state_noticeEndsOn_idx" ON "GradeApplication"("state", "noticeEndsOn");

-- CreateIndex
CREATE INDEX "ApplicationEvent_applicationId_at_idx" ON "ApplicationEvent"("applicationId", "at");

-- CreateIndex
CREATE INDEX "Objection_applicationId_idx" ON "Objection"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheck_scoresheetId_key" ON "SpotCheck"("scoresheetId");

-- CreateIndex
CREATE INDEX "SpotCheck_mineId_checkedOn_idx" ON "SpotCheck"("mineId", "checkedOn");

-- CreateIndex
CREATE INDEX "SpotCheck_checkedOn_status_idx" ON "SpotCheck"("checkedOn", "status");

-- CreateIndex
CREATE INDEX "Finding_spotCheckId_idx" ON "Finding"("spotCheckId");

-- CreateIndex
CREATE UNIQUE INDEX "Grade_endedByDecisionId_key" ON "Grade"("endedByDecisionId");

-- CreateIndex
CREATE UNIQUE INDEX "Grade_applicationId_key" ON "Grade"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Grade_fromDecisionId_key" ON "Grade"("fromDecisionId");

-- CreateIndex
CREATE INDEX "Grade_mineId_announcedOn_idx" ON "Grade"("mineId", "announcedOn");

-- CreateIndex
CREATE INDEX "Grade_announcedOn_validUntil_endedOn_level_idx" ON "Grade"("announcedOn", "validUntil", "endedOn", "level");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_triggerKey_key" ON "Decision"("triggerKey");

-- CreateIndex
CREATE INDEX "Decision_mineId_idx" ON "Decision"("mineId");

-- CreateIndex
CREATE INDEX "Decision_status_effectiveOn_idx" ON "Decision"("status", "effectiveOn");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheckTarget_year_regionCode_level_key" ON "SpotCheckTarget"("year", "regionCode", "level");

-- CreateIndex
CREATE INDEX "Reply_findingId_idx" ON "Reply"("findingId");

-- CreateIndex
CREATE INDEX "Reply_decisionId_idx" ON "Reply"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "LoginAttempt_email_at_idx" ON "LoginAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_at_idx" ON "LoginAttempt"("ip", "at");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_regionCode_at_idx" ON "AuditLog"("regionCode", "at");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mine" ADD CONSTRAINT "Mine_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mine" ADD CONSTRAINT "Mine_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MineStatusPeriod" ADD CONSTRAINT "MineStatusPeriod_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Accident" ADD CONSTRAINT "Accident_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Accident" ADD CONSTRAINT "Accident_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HiddenDanger" ADD CONSTRAINT "HiddenDanger_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HiddenDanger" ADD CONSTRAINT "HiddenDanger_spotCheckId_fkey" FOREIGN KEY ("spotCheckId") REFERENCES "SpotCheck"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HiddenDanger" ADD CONSTRAINT "HiddenDanger_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RulePart" ADD CONSTRAINT "RulePart_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleElement" ADD CONSTRAINT "RuleElement_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleLevelThreshold" ADD CONSTRAINT "RuleLevelThreshold_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleVeto" ADD CONSTRAINT "RuleVeto_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scoresheet" ADD CONSTRAINT "Scoresheet_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scoresheet" ADD CONSTRAINT "Scoresheet_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElementScore" ADD CONSTRAINT "ElementScore_scoresheetId_fkey" FOREIGN KEY ("scoresheetId") REFERENCES "Scoresheet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeApplication" ADD CONSTRAINT "GradeApplication_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeApplication" ADD CONSTRAINT "GradeApplication_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeApplication" ADD CONSTRAINT "GradeApplication_selfScoresheetId_fkey" FOREIGN KEY ("selfScoresheetId") REFERENCES "Scoresheet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeApplication" ADD CONSTRAINT "GradeApplication_assessedScoresheetId_fkey" FOREIGN KEY ("assessedScoresheetId") REFERENCES "Scoresheet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationEvent" ADD CONSTRAINT "ApplicationEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "GradeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationEvent" ADD CONSTRAINT "ApplicationEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "GradeApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpotCheck" ADD CONSTRAINT "SpotCheck_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpotCheck" ADD CONSTRAINT "SpotCheck_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "Authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpotCheck" ADD CONSTRAINT "SpotCheck_scoresheetId_fkey" FOREIGN KEY ("scoresheetId") REFERENCES "Scoresheet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpotCheck" ADD CONSTRAINT "SpotCheck_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_spotCheckId_fkey" FOREIGN KEY ("spotCheckId") REFERENCES "SpotCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grade" ADD CONSTRAINT "Grade_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grade" ADD CONSTRAINT "Grade_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grade" ADD CONSTRAINT "Grade_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "Authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grade" ADD CONSTRAINT "Grade_endedByDecisionId_fkey" FOREIGN KEY ("endedByDecisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grade" ADD CONSTRAINT "Grade_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "GradeApplication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grade" ADD CONSTRAINT "Grade_fromDecisionId_fkey" FOREIGN KEY ("fromDecisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "Grade"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "Authority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_mineId_fkey" FOREIGN KEY ("mineId") REFERENCES "Mine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

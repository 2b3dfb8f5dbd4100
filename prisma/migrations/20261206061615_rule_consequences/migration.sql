-- CreateEnum
CREATE TYPE "ConsequenceTrigger" AS ENUM ('ORDINARY_ACCIDENT', 'LARGER_ACCIDENT', 'MAJOR_ACCIDENT', 'EXTRAORDINARY_ACCIDENT', 'HIDDEN_DANGERS', 'PRODUCTION_STOPPED');

-- CreateEnum
CREATE TYPE "ParameterStatus" AS ENUM ('VERIFIED', 'SECONDARY', 'PLACEHOLDER');

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "proposedEffectiveOn" DATE;

-- CreateTable
CREATE TABLE "RuleConsequence" (
    "id" SERIAL NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "provinceCode" VARCHAR(2) NOT NULL DEFAULT '',
    "fromLevel" INTEGER NOT NULL,
    "trigger" "ConsequenceTrigger" NOT NULL,
    "toLevel" INTEGER,
    "effectiveFromEvent" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "status" "ParameterStatus" NOT NULL,

    CONSTRAINT "RuleConsequence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RuleConsequence_ruleVersionId_provinceCode_fromLevel_trigge_key" ON "RuleConsequence"("ruleVersionId", "provinceCode", "fromLevel", "trigger");

-- AddForeignKey
ALTER TABLE "RuleConsequence" ADD CONSTRAINT "RuleConsequence_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "ApplicationKind" AS ENUM ('GRADING', 'DIRECT_EXTENSION');

-- AlterTable
ALTER TABLE "RuleVersion" ADD COLUMN     "directExtension" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "directExtensionWindowMonths" INTEGER NOT NULL DEFAULT 6;

-- AlterTable
ALTER TABLE "GradeApplication" ADD COLUMN     "kind" "ApplicationKind" NOT NULL DEFAULT 'GRADING';

-- CreateTable
CREATE TABLE "RuleBasicCondition" (
    "id" SERIAL NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "textZh" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "status" "ParameterStatus" NOT NULL,

    CONSTRAINT "RuleBasicCondition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationCondition" (
    "id" SERIAL NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "conditionCode" VARCHAR(32) NOT NULL,
    "met" BOOLEAN NOT NULL,
    "evidence" TEXT NOT NULL,

    CONSTRAINT "ApplicationCondition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RuleBasicCondition_ruleVersionId_code_key" ON "RuleBasicCondition"("ruleVersionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationCondition_applicationId_conditionCode_key" ON "ApplicationCondition"("applicationId", "conditionCode");

-- AddForeignKey
ALTER TABLE "RuleBasicCondition" ADD CONSTRAINT "RuleBasicCondition_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationCondition" ADD CONSTRAINT "ApplicationCondition_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "GradeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

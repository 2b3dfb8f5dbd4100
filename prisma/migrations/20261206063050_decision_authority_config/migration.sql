-- CreateEnum
CREATE TYPE "FailedApplicationRoute" AS ENUM ('LOWER_LEVEL_GRADER', 'SAME_GRADER', 'REJECTED');

-- AlterTable: the new columns, filled for the rows a province already has (Levels 2 and 3: the
-- configured body reviewed and graded; the province confirmed and published decisions), then required.
ALTER TABLE "ProvinceGradingConfig" ADD COLUMN     "confirmerKind" "AuthorityKind",
ADD COLUMN     "failedRoute" "FailedApplicationRoute" NOT NULL DEFAULT 'LOWER_LEVEL_GRADER',
ADD COLUMN     "granted" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "proposerKind" "AuthorityKind",
ADD COLUMN     "publisherKind" "AuthorityKind",
ADD COLUMN     "reviewerKind" "AuthorityKind",
ADD COLUMN     "source" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "status" "ParameterStatus" NOT NULL DEFAULT 'PLACEHOLDER',
ALTER COLUMN "provinceCode" SET DEFAULT '';

UPDATE "ProvinceGradingConfig"
SET "reviewerKind" = "graderKind", "proposerKind" = 'PREFECTURE', "confirmerKind" = 'PROVINCIAL',
    "publisherKind" = 'PROVINCIAL', "failedRoute" = 'SAME_GRADER';

ALTER TABLE "ProvinceGradingConfig" ALTER COLUMN "confirmerKind" SET NOT NULL,
ALTER COLUMN "proposerKind" SET NOT NULL,
ALTER COLUMN "publisherKind" SET NOT NULL,
ALTER COLUMN "reviewerKind" SET NOT NULL;

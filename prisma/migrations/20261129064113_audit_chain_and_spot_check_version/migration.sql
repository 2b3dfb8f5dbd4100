-- AlterTable
ALTER TABLE "SpotCheck" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "hash" CHAR(64),
ADD COLUMN     "prevHash" CHAR(64);

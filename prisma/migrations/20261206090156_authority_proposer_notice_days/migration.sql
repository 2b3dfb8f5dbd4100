-- AlterTable
ALTER TABLE "ProvinceGradingConfig" ADD COLUMN     "publicNoticeSource" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "publicNoticeStatus" "ParameterStatus" NOT NULL DEFAULT 'PLACEHOLDER',
ADD COLUMN     "publicNoticeWorkingDays" INTEGER;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "proposerAuthorityId" INTEGER;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_proposerAuthorityId_fkey" FOREIGN KEY ("proposerAuthorityId") REFERENCES "Authority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

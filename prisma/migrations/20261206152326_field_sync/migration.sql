-- AlterTable
ALTER TABLE "SpotCheck" ADD COLUMN     "syncKey" UUID;

-- CreateTable
CREATE TABLE "FieldUpload" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "draftKey" UUID NOT NULL,
    "fileKey" UUID NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "length" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "received" INTEGER NOT NULL DEFAULT 0,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FieldUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FieldUpload_updatedAt_idx" ON "FieldUpload"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FieldUpload_userId_draftKey_fileKey_key" ON "FieldUpload"("userId", "draftKey", "fileKey");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheck_syncKey_key" ON "SpotCheck"("syncKey");

-- AddForeignKey
ALTER TABLE "FieldUpload" ADD CONSTRAINT "FieldUpload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

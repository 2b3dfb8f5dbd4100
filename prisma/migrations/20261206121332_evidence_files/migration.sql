-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" SERIAL NOT NULL,
    "findingId" INTEGER,
    "accidentId" INTEGER,
    "hiddenDangerId" INTEGER,
    "objectionId" INTEGER,
    "applicationId" INTEGER,
    "filename" VARCHAR(255) NOT NULL,
    "mimeType" VARCHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "bytes" BYTEA NOT NULL,
    "thumbnail" BYTEA,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvidenceFile_findingId_idx" ON "EvidenceFile"("findingId");

-- CreateIndex
CREATE INDEX "EvidenceFile_accidentId_idx" ON "EvidenceFile"("accidentId");

-- CreateIndex
CREATE INDEX "EvidenceFile_hiddenDangerId_idx" ON "EvidenceFile"("hiddenDangerId");

-- CreateIndex
CREATE INDEX "EvidenceFile_objectionId_idx" ON "EvidenceFile"("objectionId");

-- CreateIndex
CREATE INDEX "EvidenceFile_applicationId_idx" ON "EvidenceFile"("applicationId");

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_accidentId_fkey" FOREIGN KEY ("accidentId") REFERENCES "Accident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_hiddenDangerId_fkey" FOREIGN KEY ("hiddenDangerId") REFERENCES "HiddenDanger"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_objectionId_fkey" FOREIGN KEY ("objectionId") REFERENCES "Objection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "GradeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Exactly one owner per file, a real size and a hex checksum (lib/server/files/limits.ts holds the limits the service applies).
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_one_owner" CHECK (num_nonnulls("findingId", "accidentId", "hiddenDangerId", "objectionId", "applicationId") = 1);
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_size" CHECK ("size" > 0 AND "size" = octet_length("bytes"));
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$');

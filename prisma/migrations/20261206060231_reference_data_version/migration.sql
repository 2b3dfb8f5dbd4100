-- CreateTable
CREATE TABLE "ReferenceDataVersion" (
    "name" VARCHAR(32) NOT NULL,
    "version" TEXT NOT NULL,
    "checksum" CHAR(64) NOT NULL,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferenceDataVersion_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "CacheTagInvalidation" (
    "tag" TEXT NOT NULL,
    "changedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stale" BOOLEAN NOT NULL DEFAULT false,
    "expireSeconds" DOUBLE PRECISION,

    CONSTRAINT "CacheTagInvalidation_pkey" PRIMARY KEY ("tag")
);

-- CreateIndex
CREATE INDEX "CacheTagInvalidation_changedAt_idx" ON "CacheTagInvalidation"("changedAt");

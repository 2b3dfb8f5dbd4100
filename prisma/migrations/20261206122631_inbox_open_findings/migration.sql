-- CreateIndex
CREATE INDEX "Finding_rectifiedOn_rectifyBy_idx" ON "Finding"("rectifiedOn", "rectifyBy");

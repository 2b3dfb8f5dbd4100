-- CreateTable
CREATE TABLE "ProvinceRule" (
    "provinceCode" VARCHAR(2) NOT NULL,
    "openMajorHiddenDangerBarsGrading" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "status" "ParameterStatus" NOT NULL,

    CONSTRAINT "ProvinceRule_pkey" PRIMARY KEY ("provinceCode")
);

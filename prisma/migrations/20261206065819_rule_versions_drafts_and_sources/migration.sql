-- CreateEnum
-- (ParameterStatus exists already: 20261206061615_rule_consequences.)

-- DropIndex
DROP INDEX "RuleLevelThreshold_ruleVersionId_level_partCode_key";

-- AlterTable
ALTER TABLE "RuleVersion" ADD COLUMN     "level1ShiftHeadcountCap" INTEGER,
ADD COLUMN     "publishedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "RuleLevelThreshold" ADD COLUMN     "elementCode" VARCHAR(16);

-- CreateTable
CREATE TABLE "RuleParameterSource" (
    "id" SERIAL NOT NULL,
    "ruleVersionId" INTEGER NOT NULL,
    "parameter" VARCHAR(64) NOT NULL,
    "source" TEXT NOT NULL,
    "status" "ParameterStatus" NOT NULL,

    CONSTRAINT "RuleParameterSource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RuleParameterSource_ruleVersionId_parameter_key" ON "RuleParameterSource"("ruleVersionId", "parameter");

-- CreateIndex
CREATE UNIQUE INDEX "RuleLevelThreshold_ruleVersionId_level_partCode_elementCode_key" ON "RuleLevelThreshold"("ruleVersionId", "level", "partCode", "elementCode");

-- AddForeignKey
ALTER TABLE "RuleParameterSource" ADD CONSTRAINT "RuleParameterSource_ruleVersionId_fkey" FOREIGN KEY ("ruleVersionId") REFERENCES "RuleVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a published rule version that any scoresheet uses is immutable, whatever path writes
-- (the service refuses first; this is the backstop for direct SQL). Sources are annotations, not rule
-- values, so they stay correctable.
CREATE FUNCTION "rule_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  vid INTEGER;
BEGIN
  IF TG_TABLE_NAME = 'RuleVersion' THEN
    vid := OLD."id";
  ELSIF TG_OP = 'INSERT' THEN
    vid := NEW."ruleVersionId";
  ELSE
    vid := OLD."ruleVersionId";
  END IF;
  IF EXISTS (SELECT 1 FROM "RuleVersion" v WHERE v."id" = vid AND v."publishedAt" IS NOT NULL)
     AND EXISTS (SELECT 1 FROM "Scoresheet" s WHERE s."ruleVersionId" = vid) THEN
    RAISE EXCEPTION 'rule version % is published and in use: it cannot change', vid
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "RuleVersion_immutable" BEFORE UPDATE OR DELETE ON "RuleVersion"
  FOR EACH ROW EXECUTE FUNCTION "rule_version_immutable"();
CREATE TRIGGER "RulePart_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "RulePart"
  FOR EACH ROW EXECUTE FUNCTION "rule_version_immutable"();
CREATE TRIGGER "RuleElement_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "RuleElement"
  FOR EACH ROW EXECUTE FUNCTION "rule_version_immutable"();
CREATE TRIGGER "RuleLevelThreshold_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "RuleLevelThreshold"
  FOR EACH ROW EXECUTE FUNCTION "rule_version_immutable"();
CREATE TRIGGER "RuleVeto_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "RuleVeto"
  FOR EACH ROW EXECUTE FUNCTION "rule_version_immutable"();

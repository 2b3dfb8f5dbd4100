-- AlterTable
ALTER TABLE "Enterprise" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "MineStatusPeriod" ADD COLUMN     "documentNo" VARCHAR(100),
ADD COLUMN     "reason" TEXT;

-- Hand-written (the schema cannot express it; tests/integration/schema-drift.test.ts lists it).
-- A mine's production-status periods never overlap: every metric reads "the status on D" from them.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "MineStatusPeriod"
  ADD CONSTRAINT "MineStatusPeriod_no_overlap"
  EXCLUDE USING gist ("mineId" WITH =, daterange("startedOn", "endedOn", '[)') WITH &&);

ALTER TABLE "MineStatusPeriod"
  ADD CONSTRAINT "MineStatusPeriod_ends_after_start"
  CHECK ("endedOn" IS NULL OR "endedOn" > "startedOn");

-- ... and never leave a gap: each period ends on the day the next one starts. Checked at commit
-- (deferred), because recording a change shortens one period and inserts the next in two statements.
-- The last period may be closed, so a history can be loaded one period at a time.
CREATE FUNCTION "mine_status_periods_contiguous"() RETURNS trigger AS $$
DECLARE
  mine integer := CASE WHEN TG_OP = 'DELETE' THEN OLD."mineId" ELSE NEW."mineId" END;
  gap record;
BEGIN
  SELECT p."startedOn", p."endedOn", p.next_start INTO gap
    FROM (
      SELECT "startedOn", "endedOn",
             lead("startedOn") OVER (ORDER BY "startedOn") AS next_start
        FROM "MineStatusPeriod"
       WHERE "mineId" = mine
    ) p
   WHERE p.next_start IS NOT NULL AND p."endedOn" IS DISTINCT FROM p.next_start
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'MineStatusPeriod: the periods of mine % leave a gap or overlap (% to %, next from %)',
      mine, gap."startedOn", gap."endedOn", gap.next_start
      USING ERRCODE = '23P01', CONSTRAINT = 'MineStatusPeriod_contiguous';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."mineId" <> NEW."mineId" THEN
    -- A period moved to another mine leaves its old mine to be checked too.
    PERFORM 1 FROM (
      SELECT "endedOn", lead("startedOn") OVER (ORDER BY "startedOn") AS next_start
        FROM "MineStatusPeriod" WHERE "mineId" = OLD."mineId"
    ) p WHERE p.next_start IS NOT NULL AND p."endedOn" IS DISTINCT FROM p.next_start;
    IF FOUND THEN
      RAISE EXCEPTION 'MineStatusPeriod: the periods of mine % leave a gap', OLD."mineId"
        USING ERRCODE = '23P01', CONSTRAINT = 'MineStatusPeriod_contiguous';
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER "MineStatusPeriod_contiguous"
  AFTER INSERT OR UPDATE OR DELETE ON "MineStatusPeriod"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "mine_status_periods_contiguous"();

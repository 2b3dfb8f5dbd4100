-- A mine holds at most one grade on any day, whatever path writes it (issue 13.4). A grade covers
-- [announcedOn, its end), its end being the earlier of validUntil and endedOn; a grade ended on or
-- before the day it would have started (a cancelled future-dated grade) covers no day at all.
-- Prisma's schema cannot express an exclusion constraint: written by hand, and listed in
-- tests/integration/schema-drift.test.ts as expected extra SQL.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE FUNCTION "grade_span"(announced date, valid_until date, ended date) RETURNS daterange
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT daterange(announced, GREATEST(announced, LEAST(valid_until, COALESCE(ended, valid_until))), '[)')
  $$;

ALTER TABLE "Grade" ADD CONSTRAINT "Grade_no_overlap"
  EXCLUDE USING gist ("mineId" WITH =, "grade_span"("announcedOn", "validUntil", "endedOn") WITH &&);

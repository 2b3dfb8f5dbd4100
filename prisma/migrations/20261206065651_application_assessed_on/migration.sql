-- AlterTable
ALTER TABLE "GradeApplication" ADD COLUMN     "assessedOn" DATE;

-- Applications assessed before this column existed: the day of their assessment event, in China.
-- An assessment that reached no level went straight to REJECTED, with the assessment score sheet kept.
UPDATE "GradeApplication" a
   SET "assessedOn" = (
     SELECT (e."at" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date
       FROM "ApplicationEvent" e
      WHERE e."applicationId" = a.id
        AND (e."toState" = 'ASSESSED' OR (e."toState" = 'REJECTED' AND e."fromState" = 'INITIAL_REVIEW_PASSED'))
      ORDER BY e."at" LIMIT 1)
 WHERE a."assessedScoresheetId" IS NOT NULL;

// The decisions chart's series: confirmed downgrades and revocations of each year (clipped to asOf),
// by type and reason, in one query (series-params.ts says which periods).
import { seriesDay } from "@/lib/domain/series";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { tallyDecisions } from "./figures";
import { decisionIn, inScope, periodValues } from "./fragments";
import type { Metrics } from "./metrics-params";
import { seriesPeriods, seriesYears, type SeriesParams } from "./series-params";

export type DecisionPoint = Metrics["decisions"] & { year: number; asOf: string };

interface DecisionRow {
  year: number;
  type: string;
  reason: string;
  n: number;
}

export async function decisionSeries(db: PrismaClient, p: SeriesParams): Promise<DecisionPoint[]> {
  const years = seriesYears(p);
  const periods = seriesPeriods(years, p.asOf);
  const rows: DecisionRow[] = periods.length
    ? await db.$queryRaw<DecisionRow[]>(Prisma.sql`
        WITH periods(year, pfrom, pto) AS (VALUES ${periodValues(periods)})
        SELECT pe.year::int AS year, d."type"::text AS type, d."reason"::text AS reason, count(*)::int AS n
        FROM periods pe
        JOIN "Decision" d ON ${decisionIn(Prisma.sql`d`, Prisma.sql`pe.pfrom`, Prisma.sql`pe.pto`, Prisma.sql`pe.pto`)}
        WHERE true ${inScope(Prisma.sql`d."mineId"`, p.scope)}
        GROUP BY 1, 2, 3
      `)
    : [];
  return years.map((year) => ({
    year,
    asOf: seriesDay(year, p.asOf),
    ...tallyDecisions(rows.filter((r) => Number(r.year) === year)),
  }));
}

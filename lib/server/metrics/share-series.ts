// The share chart's series: producing mines and their shares at each level on each year's snapshot
// date, in one query (series-params.ts says which dates).
import { seriesDay } from "@/lib/domain/series";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { shareOf } from "./figures";
import { gradedOn, inScope, producingOn } from "./fragments";
import type { Metrics } from "./metrics-params";
import { seriesYears, type SeriesParams } from "./series-params";

export interface SharePoint {
  year: number;
  /** The snapshot date of this point. */
  asOf: string;
  producing: number;
  graded: Metrics["graded"];
  share: Metrics["share"];
}

interface ShareRow {
  year: number;
  producing: number;
  l1: number;
  l2: number;
  l3: number;
  any: number;
}

export async function shareSeries(db: PrismaClient, p: SeriesParams): Promise<SharePoint[]> {
  const years = seriesYears(p);
  const days = Prisma.join(years.map((y) => Prisma.sql`(${y}::int, ${seriesDay(y, p.asOf)}::date)`));
  const day = Prisma.sql`d.day`;
  const rows = await db.$queryRaw<ShareRow[]>(Prisma.sql`
    WITH days(year, day) AS (VALUES ${days}),
    producing AS (
      SELECT DISTINCT d.year, sp."mineId" AS id
      FROM days d
      JOIN "MineStatusPeriod" sp ON ${producingOn(Prisma.sql`sp`, day)}
      WHERE true ${inScope(Prisma.sql`sp."mineId"`, p.scope)}
    ),
    graded AS (
      SELECT d.year, g."mineId" AS id,
        bool_or(g."level" = 1) AS l1,
        bool_or(g."level" = 2) AS l2,
        bool_or(g."level" = 3) AS l3
      FROM days d
      JOIN "Grade" g ON ${gradedOn(Prisma.sql`g`, day)}
      WHERE true ${inScope(Prisma.sql`g."mineId"`, p.scope)}
      GROUP BY 1, 2
    )
    SELECT
      p.year::int AS year,
      count(*)::int AS producing,
      count(*) FILTER (WHERE g.l1)::int AS l1,
      count(*) FILTER (WHERE g.l2)::int AS l2,
      count(*) FILTER (WHERE g.l3)::int AS l3,
      count(g.id)::int AS any
    FROM producing p
    LEFT JOIN graded g ON g.year = p.year AND g.id = p.id
    GROUP BY p.year
  `);
  return years.map((year) => {
    const r = rows.find((x) => Number(x.year) === year);
    const producing = r?.producing ?? 0;
    const [l1, l2, l3, any] = [r?.l1 ?? 0, r?.l2 ?? 0, r?.l3 ?? 0, r?.any ?? 0];
    return {
      year,
      asOf: seriesDay(year, p.asOf),
      producing,
      graded: { l1, l2, l3 },
      share: shareOf(producing, l1, l2, l3, any),
    };
  });
}

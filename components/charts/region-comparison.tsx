"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { cellText } from "@/lib/dashboard/format";
import { expandRows, type CompactTable } from "@/lib/dashboard/compact-table";
import type { Cell } from "@/lib/dashboard/tables";
import { ProvinceTileMap, type TileValue } from "./province-tile-map";
import { ScrollBox } from "@/components/ui/scroll-box";

interface RegionLinks {
  /** The region's own dashboard (drill-down). */
  dashboard: string;
  /** The registry filtered to the region (the mine list). */
  mines: string;
}

/** A region's links, built here from its code rather than sent for every row. */
function linksOf(code: string, query: string): RegionLinks {
  return { dashboard: `/dashboard?scope=${code}&${query}`, mines: `/mines?region=${code}` };
}

const MAP_METRICS = ["l12", "l1", "l2", "l3", "unstandardized", "coverage", "producing", "downgrades", "revocations"];

function compare(a: Cell, b: Cell): number {
  if (a.value === null && b.value === null) return 0;
  if (a.value === null) return 1;
  if (b.value === null) return -1;
  if (typeof a.value === "number" && typeof b.value === "number") return a.value - b.value;
  return String(a.value).localeCompare(String(b.value));
}

/**
 * The regions below the scope: a table sortable by any column (the region's name drills down) and, for
 * provinces, a tile map coloured by a chosen column. Both read the same table the exports write.
 * `query` is the dashboard's query without its scope ("year=…&asOf=…"): a region's drill-down keeps it.
 */
export function RegionComparison({
  table: compact,
  query,
  showMap,
}: {
  table: CompactTable;
  query: string;
  showMap: boolean;
}) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const id = useId();
  const [sort, setSort] = useState<{ key: string; dir: "asc" | "desc" }>({ key: "code", dir: "asc" });
  const [metric, setMetric] = useState("l12");
  const table = useMemo(() => ({ ...compact, rows: expandRows(compact) }), [compact]);
  const index = (key: string) => table.columns.findIndex((c) => c.key === key);

  const rows = useMemo(() => {
    const i = table.columns.findIndex((c) => c.key === sort.key);
    const sorted = [...table.rows].sort((a, b) => compare(a[i], b[i]));
    if (sort.dir === "desc") sorted.reverse();
    return sorted;
  }, [table, sort]);

  const metricIndex = index(metric);
  const metricColumn = table.columns[metricIndex];
  const tiles: Record<string, TileValue> = {};
  for (const r of table.rows) {
    const code = String(r[0].value);
    tiles[code] = { cell: r[metricIndex], href: linksOf(code, query).dashboard };
  }
  const metricKind = table.rows[0]?.[metricIndex]?.kind === "ratio" ? "ratio" : "count";

  return (
    <div className="space-y-4">
      {showMap && (
        <div className="space-y-2">
          <label className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{t("map.colourBy")}</span>
            <select
              value={metric}
              onChange={(e) => setMetric(e.target.value)}
              className="rounded border border-slate-400 bg-white px-2 py-1"
              data-testid="map-metric"
            >
              {MAP_METRICS.filter((k) => index(k) >= 0).map((k) => (
                <option key={k} value={k}>
                  {table.columns[index(k)].label}
                </option>
              ))}
            </select>
          </label>
          <ProvinceTileMap values={tiles} metricLabel={metricColumn.label} kind={metricKind} />
        </div>
      )}
      <ScrollBox label={table.title}>
        <table className="figures min-w-full text-sm" data-testid="table-regions" aria-describedby={`${id}-hint`}>
          <caption className="mb-1 text-left text-sm text-slate-700">
            {table.title}
            <span id={`${id}-hint`} className="ml-2 text-xs text-slate-600">
              {t("sortHint")}
            </span>
          </caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              {table.columns.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.numeric ? "text-right" : undefined}
                    data-col={c.key}
                    aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
                  >
                    <button
                      type="button"
                      className="font-semibold hover:underline"
                      onClick={() =>
                        setSort({
                          key: c.key,
                          dir: active && sort.dir === "asc" ? "desc" : active ? "asc" : c.numeric ? "desc" : "asc",
                        })
                      }
                    >
                      {c.label}
                      <span aria-hidden> {active ? (sort.dir === "asc" ? "▲" : "▼") : ""}</span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">{t("col.mines")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const code = String(r[0].value);
              const link = linksOf(code, query);
              return (
                <tr key={code} data-code={code}>
                  {r.map((cell, i) => {
                    const key = table.columns[i].key;
                    const textValue = cellText(cell, locale);
                    return (
                      <td
                        key={key}
                        className={table.columns[i].numeric ? "num" : key === "code" ? "font-mono text-xs" : undefined}
                      >
                        {key === "region" ? <Link href={link.dashboard}>{textValue}</Link> : textValue}
                      </td>
                    );
                  })}
                  <td>
                    <Link href={link.mines}>{t("mineListShort")}</Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
    </div>
  );
}

"use client";

import type { ReactNode } from "react";
import { CartesianGrid, Legend, Tooltip, XAxis, YAxis, type YAxisProps } from "recharts";
import { formatPercentTick, SHARE_DOMAIN, SHARE_TICKS } from "@/lib/dashboard/axis";

/** A chart's box: a fixed height so that the page does not jump when the chart (drawn in the browser) appears. */
export function ChartFrame({
  label,
  describedBy,
  children,
}: {
  label: string;
  describedBy: string;
  children: ReactNode;
}) {
  return (
    <figure className="m-0" aria-label={label} aria-describedby={describedBy}>
      <div className="h-72 w-full">{children}</div>
    </figure>
  );
}

/** The tooltip box of every chart: a title line and exact figures. */
export function TooltipBox({ title, lines }: { title: string; lines: { color?: string; text: string }[] }) {
  return (
    <div className="rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-md">
      <p className="mb-1 font-semibold">{title}</p>
      <ul className="space-y-0.5">
        {lines.map((l, i) => (
          <li key={i} className="flex items-center gap-2">
            {l.color && (
              <span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: l.color }} />
            )}
            <span>{l.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const LEVEL_COLORS = { l1: "#166534", l2: "#1d4ed8", l3: "#a16207", unstandardized: "#94a3b8" } as const;

/**
 * What every year-by-year chart shares: the grid, the year axis, the value axis (`yAxis` sets its scale), the
 * tooltip of the point under the pointer (`tooltip` draws it) and the legend. Children of a recharts chart.
 */
export function periodChartParts<P extends { label: string }>(
  points: P[],
  yAxis: YAxisProps,
  tooltip: (p: P) => ReactNode,
): ReactNode[] {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} />,
    <XAxis key="x" dataKey="label" tick={{ fontSize: 12 }} />,
    <YAxis key="y" width={48} tick={{ fontSize: 12 }} {...yAxis} />,
    <Tooltip
      key="tooltip"
      content={({ active, label }) => {
        const p = points.find((x) => x.label === label);
        return active && p ? tooltip(p) : null;
      }}
    />,
    <Legend key="legend" itemSorter={null} />,
  ];
}

/** The value axis of a share: 0 to 100 %, in the reader's number format. */
export function shareYAxis(locale: string): YAxisProps {
  return {
    domain: SHARE_DOMAIN,
    ticks: [...SHARE_TICKS],
    allowDataOverflow: true,
    tickFormatter: (v: number) => formatPercentTick(v, locale),
  };
}

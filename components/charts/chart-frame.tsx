"use client";

import type { ReactNode } from "react";

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

"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { cellText } from "@/lib/dashboard/format";
import type { Cell } from "@/lib/dashboard/tables";
import { PROVINCE_TILES, TILE_COLS, TILE_ROWS } from "./china-tiles";

// A sequential blue scale; the text on each tile keeps a contrast of at least 4.5:1 with its colour.
const BINS = [
  { fill: "#eff6ff", ink: "#0f172a" },
  { fill: "#bfdbfe", ink: "#0f172a" },
  { fill: "#60a5fa", ink: "#0f172a" },
  { fill: "#2563eb", ink: "#ffffff" },
  { fill: "#1e3a8a", ink: "#ffffff" },
];

export interface TileValue {
  cell: Cell;
  href: string | null;
}

/** Five equal bins between the smallest and largest value. */
function binsOf(values: number[]): { lo: number; hi: number }[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const step = (max - min) / BINS.length;
  return BINS.map((_, i) => ({ lo: min + i * step, hi: i === BINS.length - 1 ? max : min + (i + 1) * step }));
}

function binIndex(v: number, bins: { lo: number; hi: number }[]): number {
  const i = bins.findIndex((b) => v <= b.hi);
  return i < 0 ? bins.length - 1 : i;
}

/** Provinces as equal tiles in their approximate places, coloured by one metric, each with its value in text. */
export function ProvinceTileMap({
  values,
  metricLabel,
  kind,
}: {
  /** By province code; provinces without mines are absent. */
  values: Record<string, TileValue>;
  metricLabel: string;
  kind: "count" | "ratio";
}) {
  const t = useTranslations("dashboard.map");
  const locale = useLocale();
  const numbers = Object.values(values)
    .map((v) => v.cell.value)
    .filter((v): v is number => typeof v === "number");
  const bins = binsOf(numbers);
  const fmt = (n: number) => cellText(kind === "ratio" ? { kind, value: n } : { kind, value: Math.round(n) }, locale);
  return (
    <div className="space-y-3">
      {/* On a phone the grid scrolls sideways rather than squeezing names out of the tiles. */}
      <div className="overflow-x-auto">
        <div
          className="grid min-w-[34rem] gap-1"
          style={{
            gridTemplateColumns: `repeat(${TILE_COLS}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${TILE_ROWS}, minmax(3.25rem, auto))`,
          }}
          role="list"
          aria-label={t("label", { metric: metricLabel })}
          data-testid="province-tiles"
        >
          {PROVINCE_TILES.map((tile) => {
            const name = locale === "en" ? tile.en : tile.zh;
            const v = values[tile.code];
            const number = typeof v?.cell.value === "number" ? v.cell.value : null;
            const bin = number === null ? null : BINS[binIndex(number, bins)];
            const valueText = v ? cellText(v.cell, locale) : t("noMines");
            const style = { background: bin?.fill ?? "#ffffff", color: bin?.ink ?? "#334155" };
            const content = (
              <>
                <span>{name}</span>
                <span>{valueText}</span>
              </>
            );
            // .tile (globals.css): the tile's box and its two lines.
            const cls = v ? "tile" : "tile tile-empty";
            return (
              <div key={tile.code} role="listitem" style={{ gridRow: tile.row + 1, gridColumn: tile.col + 1 }}>
                {v?.href ? (
                  <Link
                    href={v.href}
                    className={cls}
                    style={style}
                    title={`${name}: ${valueText}`}
                    data-code={tile.code}
                  >
                    {content}
                  </Link>
                ) : (
                  <span className={cls} style={style} title={`${name}: ${valueText}`} data-code={tile.code}>
                    {content}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-xs" aria-label={t("legend")} role="group">
        <span className="font-medium">{metricLabel}:</span>
        {bins.map((b, i) => (
          <span key={i} className="flex items-center gap-1">
            <span
              aria-hidden
              className="inline-block h-3 w-5 rounded-sm border border-slate-400"
              style={{ background: BINS[i].fill }}
            />
            {t("range", { from: fmt(b.lo), to: fmt(b.hi) })}
          </span>
        ))}
        <span className="flex items-center gap-1">
          <span
            aria-hidden
            className="inline-block h-3 w-5 rounded-sm border border-dashed border-slate-300 bg-white"
          />
          {t("noMines")}
        </span>
      </div>
    </div>
  );
}

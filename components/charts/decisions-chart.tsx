"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, ResponsiveContainer } from "recharts";
import { countTicks, formatCountTick } from "@/lib/dashboard/axis";
import { formatCount, formatDay } from "@/lib/dashboard/format";
import { ChartFrame, periodChartParts, TooltipBox } from "./chart-frame";

export interface DecisionPointView {
  label: string;
  asOf: string;
  downgrades: number;
  revocations: number;
  byReason: Record<string, number>;
}

// Distinguishable in colour-blind palettes (Okabe–Ito); the legend, tooltip and table carry the names.
const REASON_COLORS = ["#D55E00", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"];

/** Confirmed downgrades and revocations of each year, stacked by reason. */
export function DecisionsChart({
  points,
  reasons,
  describedBy,
}: {
  points: DecisionPointView[];
  reasons: readonly string[];
  describedBy: string;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const data = points.map((p) => ({ label: p.label, ...p.byReason }));
  const ticks = countTicks(Math.max(0, ...points.map((p) => p.downgrades + p.revocations)));
  return (
    <ChartFrame label={t("dashboard.charts.decisions")} describedBy={describedBy}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {periodChartParts(
            points,
            {
              domain: [0, ticks[ticks.length - 1]],
              ticks,
              allowDecimals: false,
              tickFormatter: (v: number) => formatCountTick(v, locale),
            },
            (p) => (
              <TooltipBox
                title={t("dashboard.charts.tooltipTitle", { label: p.label, asOf: formatDay(p.asOf, locale) })}
                lines={[
                  {
                    text: t("dashboard.charts.decisionsLine", {
                      total: formatCount(p.downgrades + p.revocations, locale),
                      downgrades: formatCount(p.downgrades, locale),
                      revocations: formatCount(p.revocations, locale),
                    }),
                  },
                  ...reasons.map((r, i) => ({
                    color: REASON_COLORS[i % REASON_COLORS.length],
                    text: `${t(`enums.decisionReason.${r}`)}: ${formatCount(p.byReason[r] ?? 0, locale)}`,
                  })),
                ]}
              />
            ),
          )}
          {reasons.map((r, i) => (
            <Bar
              key={r}
              dataKey={r}
              name={t(`enums.decisionReason.${r}`)}
              stackId="reasons"
              fill={REASON_COLORS[i % REASON_COLORS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

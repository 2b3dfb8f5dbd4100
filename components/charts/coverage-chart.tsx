"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, ComposedChart, Line, ResponsiveContainer } from "recharts";
import { formatCount, formatDay, formatRatio } from "@/lib/dashboard/format";
import { ChartFrame, periodChartParts, shareYAxis, TooltipBox } from "./chart-frame";

export interface CoveragePointView {
  label: string;
  asOf: string;
  checked: number;
  graded: number;
  ratio: number;
  target: number | null;
}

const COVERAGE = "#0f4c81";
const TARGET = "#b91c1c";

/** Spot-check coverage of each year as bars, the year's target as a line. */
export function CoverageChart({ points, describedBy }: { points: CoveragePointView[]; describedBy: string }) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const data = points.map((p) => ({
    label: p.label,
    coverage: p.ratio,
    target: p.target,
  }));
  return (
    <ChartFrame label={t("charts.coverage")} describedBy={describedBy}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {periodChartParts(points, shareYAxis(locale), (p) => (
            <TooltipBox
              title={t("charts.tooltipTitle", { label: p.label, asOf: formatDay(p.asOf, locale) })}
              lines={[
                {
                  color: COVERAGE,
                  text: t("charts.coverageLine", {
                    percent: formatRatio(p.ratio, locale),
                    checked: formatCount(p.checked, locale),
                    graded: formatCount(p.graded, locale),
                  }),
                },
                {
                  color: TARGET,
                  text: t("charts.targetLine", { percent: formatRatio(p.target, locale) }),
                },
              ]}
            />
          ))}
          <Bar dataKey="coverage" name={t("series.coverage")} fill={COVERAGE} isAnimationActive={false} />
          <Line
            dataKey="target"
            name={t("series.target")}
            stroke={TARGET}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

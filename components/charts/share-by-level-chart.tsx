"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, ResponsiveContainer } from "recharts";
import { formatCount, formatDay, formatRatio } from "@/lib/dashboard/format";
import { ChartFrame, LEVEL_COLORS, periodChartParts, shareYAxis, TooltipBox } from "./chart-frame";

export interface SharePointView {
  label: string;
  asOf: string;
  producing: number;
  graded: { l1: number; l2: number; l3: number };
  share: { l1: number; l2: number; l3: number; l12: number; unstandardized: number };
}

const KEYS = ["l1", "l2", "l3", "unstandardized"] as const;

/** Share of producing mines at each level, year by year, stacked to 100%. */
export function ShareByLevelChart({ points, describedBy }: { points: SharePointView[]; describedBy: string }) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const data = points.map((p) => ({
    label: p.label,
    l1: p.share.l1,
    l2: p.share.l2,
    l3: p.share.l3,
    unstandardized: p.share.unstandardized,
  }));
  const counts = (p: SharePointView, k: (typeof KEYS)[number]) =>
    k === "unstandardized" ? Math.round(p.share.unstandardized * p.producing) : p.graded[k];
  return (
    <ChartFrame label={t("charts.share")} describedBy={describedBy}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {periodChartParts(points, shareYAxis(locale), (p) => (
            <TooltipBox
              title={t("charts.tooltipTitle", { label: p.label, asOf: formatDay(p.asOf, locale) })}
              lines={[
                ...KEYS.map((k) => ({
                  color: LEVEL_COLORS[k],
                  text: t("charts.shareLine", {
                    series: t(`series.${k}`),
                    percent: formatRatio(p.share[k], locale),
                    count: formatCount(counts(p, k), locale),
                    total: formatCount(p.producing, locale),
                  }),
                })),
                { text: t("charts.l12Line", { percent: formatRatio(p.share.l12, locale) }) },
              ]}
            />
          ))}
          {KEYS.map((k) => (
            <Bar
              key={k}
              dataKey={k}
              name={t(`series.${k}`)}
              stackId="share"
              fill={LEVEL_COLORS[k]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

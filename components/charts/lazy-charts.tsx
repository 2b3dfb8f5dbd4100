"use client";

// The recharts charts, loaded after the page: recharts is not in the dashboard's first-load
// JavaScript, and the server does not render SVG that the browser redraws anyway. Each section's
// figures are in a table the server renders beside the chart (app/(portal)/dashboard/sections.tsx),
// so nothing waits on this code; the box keeps the chart's height so the page does not jump.
import dynamic from "next/dynamic";

function ChartBox() {
  return <div className="h-72 w-full" aria-hidden />;
}

export const CoverageChart = dynamic(() => import("./coverage-chart").then((m) => m.CoverageChart), {
  ssr: false,
  loading: ChartBox,
});

export const DecisionsChart = dynamic(() => import("./decisions-chart").then((m) => m.DecisionsChart), {
  ssr: false,
  loading: ChartBox,
});

export const ShareByLevelChart = dynamic(() => import("./share-by-level-chart").then((m) => m.ShareByLevelChart), {
  ssr: false,
  loading: ChartBox,
});

import { getTranslations } from "next-intl/server";
import { levelLabels } from "@/lib/i18n/format";

const STYLES: Record<string, string> = {
  "1": "bg-green-100 text-green-900 border-green-700",
  "2": "bg-blue-100 text-blue-900 border-blue-700",
  "3": "bg-amber-100 text-amber-900 border-amber-700",
  none: "bg-slate-100 text-slate-800 border-slate-500",
};

export async function GradeBadge({ level, size = "sm" }: { level: number | null; size?: "sm" | "lg" }) {
  const t = await getTranslations("grade");
  const key = level ? String(level) : "none";
  const sizing = size === "lg" ? "px-4 py-2 text-xl" : "px-2 py-0.5 text-xs";
  return (
    <span
      data-testid="grade-badge"
      data-level={key}
      className={`inline-block rounded border font-semibold ${sizing} ${STYLES[key]}`}
    >
      {levelLabels(t).level(level)}
    </span>
  );
}

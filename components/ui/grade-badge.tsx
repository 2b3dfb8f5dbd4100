import { getTranslations } from "next-intl/server";
import { levelLabels } from "@/lib/i18n/format";

// The classes live in globals.css (grade-badge, grade-badge-1…): a register page shows fifty badges, and
// each wrote its dozen utility classes twice, in the HTML and in the RSC payload.
export async function GradeBadge({ level, size = "sm" }: { level: number | null; size?: "sm" | "lg" }) {
  const t = await getTranslations("grade");
  const key = level ? String(level) : "none";
  return (
    <span
      data-testid="grade-badge"
      data-level={key}
      className={`grade-badge grade-badge-${key}${size === "lg" ? "grade-badge-lg" : ""}`}
    >
      {levelLabels(t).level(level)}
    </span>
  );
}

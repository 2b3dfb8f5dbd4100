import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CalendarDayForm, CoverYearForm, RemoveCalendarDay } from "@/components/forms/calendar-forms";
import { Section } from "@/components/ui/section";
import { todayInChina } from "@/lib/domain/dates";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { calendarYear } from "@/lib/server/data/calendar";
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from "@/lib/validation/calendar";
import { coverCalendarYearAction, deleteCalendarDayAction, saveCalendarDayAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("calendar");
  return { title: t("title") };
}

function yearOf(value: string | undefined, fallback: number): number {
  const y = Number(value);
  return Number.isInteger(y) && y >= CALENDAR_FIRST_YEAR && y <= CALENDAR_LAST_YEAR ? y : fallback;
}

/** China's working-day calendar, year by year: what notice periods count on (ADMIN edits it). */
export default async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const caller = await requireCaller();
  if (!can(caller.role, "calendar.manage")) notFound();
  const query = await searchParams;
  const thisYear = Number(todayInChina().slice(0, 4));
  const year = yearOf(query.year, thisYear);
  const [data, t, f, locale] = await Promise.all([
    calendarYear(year),
    getTranslations("calendar"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const editing = data.days.find((d) => d.date === query.edit) ?? null;
  const covered = new Set(data.years.map((y) => y.year));
  const missing = [thisYear, thisYear + 1].filter((y) => !covered.has(y));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      {missing.length > 0 && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("missingYears", { years: missing.join(", ") })}
        </p>
      )}
      <nav aria-label={t("years")} className="flex flex-wrap gap-2 text-sm">
        {[...new Set([...data.years.map((y) => y.year), thisYear, thisYear + 1])]
          .sort((a, b) => a - b)
          .map((y) => (
            <Link
              key={y}
              href={`/admin/calendar?year=${y}`}
              aria-current={y === year ? "page" : undefined}
              className={`rounded border px-2 py-0.5 ${y === year ? "bg-brand-700 border-brand-700 text-white" : "border-slate-300"}`}
            >
              {y}
              {!covered.has(y) && <span className="sr-only"> {t("uncovered")}</span>}
              {!covered.has(y) && <span aria-hidden="true"> !</span>}
            </Link>
          ))}
      </nav>

      <Section title={t("yearTitle", { year })}>
        <p className="mb-3 text-sm" data-testid="year-status">
          {data.covered
            ? t("coveredBy", { source: data.covered.source, at: f.dateTime(data.covered.coveredAt) })
            : t("notCovered")}
        </p>
        {data.days.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noDays")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead>
                <tr className="text-left">
                  <th className="px-2 py-1">{t("date")}</th>
                  <th className="px-2 py-1">{t("kind")}</th>
                  <th className="px-2 py-1">{t("name")}</th>
                  <th className="px-2 py-1">
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.days.map((d) => (
                  <tr key={d.date} className="border-t border-slate-200" data-testid={`calendar-day-${d.date}`}>
                    <td className="px-2 py-1 whitespace-nowrap">{f.date(d.date)}</td>
                    <td className="px-2 py-1">{t(`kinds.${d.kind}`)}</td>
                    <td className="px-2 py-1">{pickName(locale, d.nameZh, d.nameEn)}</td>
                    <td className="space-x-2 px-2 py-1 whitespace-nowrap">
                      <Link href={`/admin/calendar?year=${year}&edit=${d.date}#day-form`} className="underline">
                        {t("edit")}
                        <span className="sr-only"> {d.date}</span>
                      </Link>
                      <RemoveCalendarDay action={deleteCalendarDayAction} date={d.date} version={d.version} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <section id="day-form" aria-labelledby="day-form-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="day-form-title" className="mb-3 text-lg font-semibold">
          {editing ? t("editDay") : t("addDay")}
        </h2>
        <CalendarDayForm key={editing?.date ?? "new"} action={saveCalendarDayAction} day={editing} />
      </section>

      {!data.covered && (
        <Section title={t("coverYear", { year })}>
          <p className="mb-3 text-sm text-slate-700">{t("coverIntro")}</p>
          <CoverYearForm action={coverCalendarYearAction} year={year} />
        </Section>
      )}
    </div>
  );
}

import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RunJobNowForm } from "@/components/admin/run-job-form";
import { ScrollBox } from "@/components/ui/scroll-box";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { jobsOverview, type JobRunRow } from "@/lib/server/data/jobs";
import { runJobNowAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("admin.jobs");
  return { title: t("title") };
}

/** The scheduled jobs (ADMIN): each job's schedule, last and next run, failures, and "run now". */
export default async function JobsPage() {
  const caller = await requireCaller();
  if (!can(caller.role, "job.run")) notFound();
  const [data, t, f] = await Promise.all([jobsOverview(caller), getTranslations("admin.jobs"), getDisplayFormat()]);
  if (!data) notFound();
  const duration = (run: JobRunRow | null) =>
    run?.durationMs === null || run?.durationMs === undefined
      ? "—"
      : t("seconds", { seconds: Math.round(run.durationMs / 100) / 10 });
  const status = (run: JobRunRow | null) => (run ? t(`status.${run.status}`) : t("never"));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <Section title={t("jobsTitle")}>
        <ScrollBox label={t("jobsTitle")}>
          <table className="min-w-full text-sm">
            <thead>
              <tr className="text-left align-bottom">
                <th className="px-2 py-1">{t("job")}</th>
                <th className="px-2 py-1">{t("schedule")}</th>
                <th className="px-2 py-1">{t("nextRun")}</th>
                <th className="px-2 py-1">{t("lastRun")}</th>
                <th className="px-2 py-1">{t("duration")}</th>
                <th className="px-2 py-1">{t("statusTitle")}</th>
                <th className="px-2 py-1">{t("lastFailure")}</th>
                <th className="px-2 py-1">{t("queued")}</th>
                <th className="px-2 py-1">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.jobs.map((job) => (
                <tr key={job.name} className="border-t border-slate-200 align-top" data-testid={`job-${job.name}`}>
                  <th scope="row" className="px-2 py-1 text-left font-medium">
                    {t(`names.${job.name}`)}
                    <p className="font-normal text-slate-600">{t(`descriptions.${job.name}`)}</p>
                  </th>
                  <td className="px-2 py-1 font-mono whitespace-nowrap">
                    {job.schedules.length ? job.schedules.join(", ") : t("unscheduled")}
                  </td>
                  <td className="px-2 py-1 whitespace-nowrap">{f.dateTime(job.nextRunAt)}</td>
                  <td className="px-2 py-1 whitespace-nowrap">
                    {f.dateTime(job.lastRun?.startedAt)}
                    {job.lastRun && <span className="block text-slate-600">{t(`trigger.${job.lastRun.trigger}`)}</span>}
                  </td>
                  <td className="px-2 py-1 whitespace-nowrap">{duration(job.lastRun)}</td>
                  <td className="px-2 py-1 whitespace-nowrap" data-testid="job-status">
                    {status(job.lastRun)}
                  </td>
                  <td className="px-2 py-1">
                    {job.lastFailure ? (
                      <>
                        <span className="whitespace-nowrap">{f.dateTime(job.lastFailure.startedAt)}</span>
                        <span className="block max-w-xs break-words text-red-800">{job.lastFailure.error}</span>
                      </>
                    ) : (
                      "—"
                    )}
                    <span className="block text-slate-600">
                      {t("failuresThisWeek", { count: job.failuresThisWeek })}
                    </span>
                  </td>
                  <td className="px-2 py-1" data-testid="job-queued">
                    {f.count(job.queued)}
                  </td>
                  <td className="px-2 py-1">
                    <RunJobNowForm action={runJobNowAction} job={job.name} label={t(`names.${job.name}`)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </Section>
      <Section title={t("recentTitle")}>
        {data.recent.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noRuns")}</p>
        ) : (
          <ScrollBox label={t("recentTitle")}>
            <table className="min-w-full text-sm">
              <thead>
                <tr className="text-left">
                  <th className="px-2 py-1">{t("job")}</th>
                  <th className="px-2 py-1">{t("started")}</th>
                  <th className="px-2 py-1">{t("duration")}</th>
                  <th className="px-2 py-1">{t("statusTitle")}</th>
                  <th className="px-2 py-1">{t("attempt")}</th>
                  <th className="px-2 py-1">{t("error")}</th>
                </tr>
              </thead>
              <tbody>
                {data.recent.map((run) => (
                  <tr key={run.id} className="border-t border-slate-200 align-top">
                    <td className="px-2 py-1">{t.has(`names.${run.job}`) ? t(`names.${run.job}`) : run.job}</td>
                    <td className="px-2 py-1 whitespace-nowrap">
                      {f.dateTime(run.startedAt)}
                      <span className="block text-slate-600">{t(`trigger.${run.trigger}`)}</span>
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">{duration(run)}</td>
                    <td className="px-2 py-1 whitespace-nowrap">{status(run)}</td>
                    <td className="px-2 py-1">{f.count(run.attempt)}</td>
                    <td className="max-w-md px-2 py-1 break-words text-red-800">{run.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </Section>
    </div>
  );
}

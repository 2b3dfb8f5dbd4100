import type { Instrumentation } from "next";

// Next.js calls register() once when a server process starts, and onRequestError for every error
// that reaches Next.js unhandled. Both load their code only in the Node.js runtime.

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // The scheduled jobs (lib/server/jobs) run in the web process unless JOBS_IN_PROCESS=false, for a
  // deployment that runs them in a process of its own (`npm run worker`).
  const { jobsInProcess, startJobsInProcess } = await import("@/lib/server/jobs/runner");
  if (jobsInProcess()) void startJobsInProcess();
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/server/log/request-error");
  await logRequestError(error, request, context);
};

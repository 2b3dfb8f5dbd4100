import type { Instrumentation } from "next";

// Next.js calls onRequestError for every error that reaches it unhandled. Its code is loaded only
// in the Node.js runtime.

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/server/log/request-error");
  await logRequestError(error, request, context);
};

// Delivers the notification email outbox in a loop: `npm run outbox:deliver` (DATABASE_URL, SMTP_URL).
// For tests and standalone deployments; the portal's job runner calls the same deliverOutbox().
// Runs until SIGINT/SIGTERM (it finishes the message in hand first); `--once` delivers what is due and exits.
//
//   --interval=<ms>   pause when nothing is due (default 5000)
//   --once            one pass, then exit (exit code 0)
//
// OUTBOX_LEASE_MS, OUTBOX_BACKOFF_MS and OUTBOX_MAX_ATTEMPTS tune delivery (lib/server/notifications/deliver.ts).
// OUTBOX_TEST_KILL_AFTER_ACCEPT=<outbox id> (tests only) kills this process with SIGKILL right after the SMTP
// server accepted that message and before it is marked sent: the one window where a crash re-sends a mail.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { deliverOutbox } from "../lib/server/notifications/deliver";

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set.");
    return 2;
  }
  if (!process.env.SMTP_URL) {
    console.error("SMTP_URL is not set: no email is sent.");
    return 2;
  }
  const interval = Number(option("interval") ?? 5000);
  const once = process.argv.includes("--once");
  const killAfter = Number(process.env.OUTBOX_TEST_KILL_AFTER_ACCEPT ?? NaN);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    while (!stopping) {
      const result = await deliverOutbox({
        db,
        warn: (fields, message) => console.warn(JSON.stringify({ level: "warn", msg: message, ...fields })),
        afterAccepted: Number.isInteger(killAfter)
          ? (id) => {
              if (id === killAfter) process.kill(process.pid, "SIGKILL");
            }
          : undefined,
      });
      if (result.sent + result.failed + result.retried > 0) console.log(JSON.stringify(result));
      if (once) break;
      if (result.sent + result.failed + result.retried === 0)
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, interval);
        });
    }
  } finally {
    await db.$disconnect();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

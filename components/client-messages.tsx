import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages } from "@/lib/i18n/client-messages";

/**
 * The translation provider of a part of the app, with only the messages its client components read
 * (lib/i18n/client-messages.ts). It replaces an outer provider's messages below it, so its paths
 * include the shell's.
 */
export async function ClientMessages({ paths, children }: { paths: readonly string[]; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, paths)}>{children}</NextIntlClientProvider>;
}

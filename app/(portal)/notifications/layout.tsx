import { ClientMessages } from "@/components/client-messages";
import { PORTAL_MESSAGE_PATHS } from "@/lib/i18n/client-messages";

/** The messages this section's client components read (lib/i18n/client-messages.ts). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={PORTAL_MESSAGE_PATHS}>{children}</ClientMessages>;
}

import { ClientMessages } from "@/components/client-messages";
import { AUTH_MESSAGE_PATHS } from "@/lib/i18n/client-messages";

/** Sign-in and the password change: their forms' messages (lib/i18n/client-messages.ts). */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={AUTH_MESSAGE_PATHS}>{children}</ClientMessages>;
}

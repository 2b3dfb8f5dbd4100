import { ClientMessages } from "@/components/client-messages";
import { FIELD_MESSAGE_PATHS } from "@/lib/i18n/client-messages";

/**
 * The field app (issue 16): a shell the service worker keeps for use with no network. It renders
 * nothing of the signed-in user (no header, no name): the drafts and the mines come from IndexedDB
 * and the field pack API, so a cached copy of the shell can never show another user's data.
 */
export default function FieldLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={FIELD_MESSAGE_PATHS}>{children}</ClientMessages>;
}

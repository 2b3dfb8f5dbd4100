import { ClientMessages } from "@/components/client-messages";
import { DASHBOARD_MESSAGE_PATHS } from "@/lib/i18n/client-messages";

// The dashboard is two routes side by side: the page (children) settles who may see what and
// renders the frame, outside any Suspense boundary, so that a refused scope is a real 404; the
// @sections slot streams the figures behind its loading.tsx and per-section boundaries. (A loading.tsx
// beside the page would wrap the page in Suspense and turn every notFound() into a 200.)
export default function DashboardLayout({
  children,
  sections,
}: {
  children: React.ReactNode;
  sections: React.ReactNode;
}) {
  return (
    <ClientMessages paths={DASHBOARD_MESSAGE_PATHS}>
      <div className="space-y-6">
        {children}
        {sections}
      </div>
    </ClientMessages>
  );
}

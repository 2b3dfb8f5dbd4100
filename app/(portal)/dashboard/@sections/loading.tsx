import { getTranslations } from "next-intl/server";
import { SectionSkeleton } from "@/components/ui/skeleton";

/** The sections' shape while the dashboard's first figures load. */
export default async function SectionsLoading() {
  const t = await getTranslations("dashboard");
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <SectionSkeleton label={t("loading")} bodyClass="h-48" />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <SectionSkeleton label={t("loading")} />
        <SectionSkeleton label={t("loading")} />
      </div>
    </div>
  );
}

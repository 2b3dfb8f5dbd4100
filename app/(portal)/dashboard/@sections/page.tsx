import { Suspense } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { childLevel } from "@/lib/domain/region-code";
import { dashboardQuery } from "@/lib/validation/dashboard";
import { resolveDashboard, type SearchParams } from "../resolve";
import { CoverageSection, DecisionsSection, HeadlineSection, RegionsSection, ShareSection } from "../sections";

// The dashboard's figures, each section behind its own Suspense boundary so that each appears as soon
// as its query answers. The page beside this slot has already answered 404 when the state is refused.
export default async function DashboardSections({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const resolved = await resolveDashboard(await searchParams);
  if (!resolved) notFound();
  const { caller, params } = resolved;
  const t = await getTranslations("dashboard");
  const level = childLevel(params.scope);
  // A new key per state, so that a new year or scope shows the skeletons again instead of stale figures.
  const key = dashboardQuery(params);
  return (
    <div className="space-y-6">
      <Suspense key={`headline-${key}`} fallback={<SectionSkeleton label={t("loading")} bodyClass="h-48" />}>
        <HeadlineSection caller={caller} params={params} />
      </Suspense>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Suspense key={`share-${key}`} fallback={<SectionSkeleton label={t("loading")} />}>
          <ShareSection caller={caller} params={params} />
        </Suspense>
        <Suspense key={`coverage-${key}`} fallback={<SectionSkeleton label={t("loading")} />}>
          <CoverageSection caller={caller} params={params} />
        </Suspense>
      </div>
      <Suspense key={`decisions-${key}`} fallback={<SectionSkeleton label={t("loading")} />}>
        <DecisionsSection caller={caller} params={params} />
      </Suspense>
      {level && (
        <Suspense key={`regions-${key}`} fallback={<SectionSkeleton label={t("loading")} bodyClass="h-96" />}>
          <RegionsSection caller={caller} params={params} />
        </Suspense>
      )}
    </div>
  );
}

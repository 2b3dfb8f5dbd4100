/** A grey placeholder block while a section's figures load (announced once to screen readers by its region). */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

/** A section-shaped placeholder: a title bar and a body of the given height. */
export function SectionSkeleton({ label, bodyClass = "h-72" }: { label: string; bodyClass?: string }) {
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm" aria-busy="true" aria-label={label}>
      <Skeleton className="mb-3 h-6 w-1/3" />
      <Skeleton className={`w-full ${bodyClass}`} />
    </section>
  );
}

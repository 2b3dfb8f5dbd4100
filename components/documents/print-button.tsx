"use client";

/** Opens the browser's print dialog; the document's print styles leave only the document on paper. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
    >
      {label}
    </button>
  );
}

export const primaryButton =
  "bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 font-medium text-white disabled:opacity-60";
export const secondaryButton = "rounded border border-slate-400 px-4 py-1.5 hover:bg-slate-100 disabled:opacity-60";
/** The look of every text input, select and text area; red when aria-invalid. */
export const control = "w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid]:border-red-600";

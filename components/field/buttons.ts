// The field app's buttons: at least 44 px high (min-h-11), for a gloved finger underground.
export const touchButton =
  "inline-flex min-h-11 items-center justify-center rounded px-4 py-2 font-medium disabled:opacity-60";
export const primaryTouch = `${touchButton} bg-brand-700 hover:bg-brand-800 text-white`;
export const secondaryTouch = `${touchButton} border border-slate-400 bg-white hover:bg-slate-100`;
/** A text input, select or text area, as tall as a button (its width left to the caller). */
export const touchControlBase =
  "min-h-11 min-w-0 rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid]:border-red-600";
export const touchControl = `${touchControlBase} w-full`;

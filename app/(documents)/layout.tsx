import { MAIN_ID } from "@/components/main-id";

// Official documents (issue 15.4): a print view with no site header or navigation, only the document
// and its toolbar. Each page checks its reader itself (the decision letter and the announcement are
// public; the spot-check report is the signed-in caller's, scoped).
export default function DocumentsLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 focus:outline-none print:p-0">
      {children}
    </main>
  );
}

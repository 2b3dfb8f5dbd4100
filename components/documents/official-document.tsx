import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Block, OfficialDocument } from "@/lib/server/documents/model";
import { PrintButton } from "./print-button";

// The print-styled HTML view of an official document (the same model as its PDF): on screen a sheet
// of A4 proportions under a toolbar; on paper only the sheet (the toolbar is print:hidden, the page
// margins come from @page in globals.css).

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case "heading":
      return <h2 className="mt-6 mb-2 text-lg font-bold">{block.text}</h2>;
    case "paragraph":
      return <p className="my-3 indent-8 leading-8">{block.text}</p>;
    case "fields":
      return (
        <table className="my-3 w-full border-collapse text-sm">
          <tbody>
            {block.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row" className="w-1/4 border border-slate-400 bg-slate-100 px-2 py-1 text-left font-medium">
                  {r.label}
                </th>
                <td className="border border-slate-400 px-2 py-1">{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case "table":
      // A wide table scrolls inside itself on a narrow screen (the page never scrolls sideways).
      return (
        <div className="overflow-x-auto print:overflow-visible" role="region" aria-label={block.caption} tabIndex={0}>
          <table className="my-3 w-full min-w-[36rem] border-collapse text-sm print:min-w-0">
            <caption className="mb-1 text-left font-bold">{block.caption}</caption>
            <thead>
              <tr>
                {block.head.map((h, i) => (
                  <th
                    key={h}
                    scope="col"
                    style={{ width: `${Math.round(block.widths[i] * 100)}%` }}
                    className="border border-slate-400 bg-slate-100 px-2 py-1 text-left"
                  >
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((c, j) => (
                    <td key={j} className="border border-slate-400 px-2 py-1 align-top">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

export async function OfficialDocumentView({
  doc,
  pdfHref,
  backHref,
}: {
  doc: OfficialDocument;
  pdfHref: string;
  backHref: string;
}) {
  const t = await getTranslations("documents.toolbar");
  return (
    <>
      <nav aria-label={t("label")} className="mb-4 flex flex-wrap items-center gap-2 print:hidden">
        <Link
          href={backHref}
          className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
        >
          {t("back")}
        </Link>
        <PrintButton label={t("print")} />
        <a
          href={pdfHref}
          data-testid="document-pdf"
          className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1.5 text-sm text-white"
        >
          {t("pdf")}
        </a>
        {doc.locale !== "zh-CN" && <p className="text-xs text-slate-600">{t("officialNote")}</p>}
      </nav>
      <article
        lang={doc.locale}
        data-testid="official-document"
        className="mx-auto max-w-[210mm] bg-white px-4 py-6 text-slate-900 shadow-sm sm:px-[18mm] sm:py-[16mm] print:max-w-none print:p-0 print:shadow-none"
      >
        <header className="text-center">
          <p className="text-2xl font-bold tracking-wide text-red-700">{doc.authority}</p>
          <p className="mt-2" data-testid="document-number">
            {doc.number}
          </p>
          <hr className="mt-2 border-t-2 border-red-700" />
          <h1 className="mt-6 text-3xl font-bold">{doc.title}</h1>
          {doc.subtitle && <p className="mt-1 text-slate-600">{doc.subtitle}</p>}
        </header>
        <div className="mt-6">
          {doc.addressee && <p className="my-3">{doc.addressee}</p>}
          {doc.blocks.map((b, i) => (
            <BlockView key={i} block={b} />
          ))}
        </div>
        <footer className="mt-10 text-right">
          <p>{doc.authority}</p>
          <p>{doc.dated}</p>
        </footer>
      </article>
    </>
  );
}

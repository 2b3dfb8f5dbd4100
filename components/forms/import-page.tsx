import type { ReactNode } from "react";
import { Section } from "@/components/ui/section";

/** One template file offered for download on an import page. */
export type TemplateLink = { href: string; label: string };

/**
 * The shell every import page shares: its heading and introduction, the templates to download, then
 * the upload form (passed in, with the page's own action and fields).
 */
export function ImportPage({
  title,
  intro,
  templateHeading,
  templateHint,
  templates,
  children,
}: {
  title: string;
  intro: string;
  templateHeading: string;
  templateHint: string;
  templates: readonly TemplateLink[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{intro}</p>
      <Section title={templateHeading}>
        <p className="mb-3 max-w-3xl text-sm text-slate-700">{templateHint}</p>
        <ul className="flex flex-wrap gap-4 text-sm">
          {templates.map(({ href, label }) => (
            <li key={href}>
              {/* A plain link: the template is a file download from a route handler, not a page. */}
              <a href={href} download className="text-brand-700 underline hover:no-underline">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </Section>
      {children}
    </div>
  );
}

import { Fragment } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { documentHref } from "@/lib/document-links";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import type { MineProfile } from "@/lib/server/data/mines";
import type { ReplyView } from "@/lib/server/data/spot-check-detail";
import { Replies } from "./replies";
import { ScrollBox } from "@/components/ui/scroll-box";

type Decision = MineProfile["mine"]["decisions"][number];
const TD = "py-1 pr-3";

/**
 * The mine's decisions (managers see confirmed ones only: the read decides), each with the mine's
 * replies, and the reply form where the page offers one (`replyForm` returns it, or null).
 */
export async function DecisionList({
  decisions,
  replies,
  replyForm,
}: {
  decisions: Decision[];
  replies: Map<number, ReplyView[]>;
  replyForm: (decision: Decision) => React.ReactNode;
}) {
  const [t, te, tm, f, tdoc] = await Promise.all([
    getTranslations("profile"),
    getTranslations("enums"),
    getTranslations("managerView"),
    getDisplayFormat(),
    getTranslations("documents.links"),
  ]);
  return (
    <Section title={t("decisions")}>
      <ScrollBox label={t("decisions")}>
        <table className="min-w-full text-sm" data-testid="decisions">
          <thead className="text-left">
            <tr>
              {(["decisionType", "reason", "change", "decisionStatus", "number", "effectiveOn"] as const).map((k) => (
                <th key={k} scope="col" className={TD}>
                  {t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => {
              const form = replyForm(d);
              return (
                <Fragment key={d.id}>
                  <tr className="border-t border-slate-200">
                    <td className={TD}>{te(`decisionType.${d.type}`)}</td>
                    <td className={TD}>{te(`decisionReason.${d.reason}`)}</td>
                    <td className={TD}>{f.levelChange(d.fromLevel, d.toLevel)}</td>
                    <td className={TD}>{te(`decisionStatus.${d.status}`)}</td>
                    <td className={TD}>
                      {d.status === "CONFIRMED" ? (
                        <Link href={documentHref.letter(d.id)} className="text-brand-700 underline">
                          {d.number ?? tdoc("letter")}
                        </Link>
                      ) : (
                        (d.number ?? "—")
                      )}
                    </td>
                    <td className={TD}>{f.date(d.effectiveOn)}</td>
                  </tr>
                  {(replies.has(d.id) || form) && (
                    <tr>
                      <td colSpan={6} className="pb-2 pl-4" data-testid={`decision-${d.id}-replies-cell`}>
                        <Replies replies={replies.get(d.id) ?? []} testId={`decision-${d.id}-replies`} />
                        {form && (
                          <details className="mt-1">
                            <summary className="text-brand-700 cursor-pointer text-sm underline">
                              {tm("replies.replyToDecision")}
                            </summary>
                            <div className="mt-2 max-w-xl">{form}</div>
                          </details>
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      {decisions.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
    </Section>
  );
}

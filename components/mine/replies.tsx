import { getTranslations } from "next-intl/server";
import { getDisplayFormat } from "@/lib/i18n/display";
import type { ReplyView } from "@/lib/server/data/spot-check-detail";

/** The mine's replies to a finding or a decision, next to the record. */
export async function Replies({ replies, testId }: { replies: ReplyView[]; testId?: string }) {
  if (replies.length === 0) return null;
  const [t, f] = await Promise.all([getTranslations("managerView.replies"), getDisplayFormat()]);
  return (
    <div className="mt-1 space-y-1" data-testid={testId ?? "replies"}>
      <p className="text-xs font-medium text-slate-700">{t("title", { count: replies.length })}</p>
      <ul className="space-y-1">
        {replies.map((r) => (
          <li
            key={r.id}
            className="border-brand-700 rounded border-l-4 bg-slate-50 px-3 py-1.5 text-sm"
            data-testid="reply"
          >
            <p className="text-xs text-slate-600">
              {r.authorName} · {f.dateTime(r.createdAt)}
            </p>
            <p className="whitespace-pre-wrap">{r.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

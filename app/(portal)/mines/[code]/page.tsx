import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getTranslations } from "next-intl/server";
import { HiddenDangerForm } from "@/components/forms/hidden-danger-form";
import { ReplyForm } from "@/components/forms/reply-form";
import { AccidentList } from "@/components/mine/accident-list";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { EvidenceUploadForm } from "@/components/forms/evidence-upload-form";
import { evidenceOf } from "@/lib/server/data/evidence";
import type { EvidenceFileInfo } from "@/lib/server/files/storage";
import { attachEvidenceAction } from "../../evidence-actions";
import { CurrentGrade } from "@/components/mine/current-grade";
import { DecisionList } from "@/components/mine/decision-list";
import { DistanceToDowngrade } from "@/components/mine/distance-to-downgrade";
import { GradeHistory } from "@/components/mine/grade-history";
import { MineFacts } from "@/components/mine/mine-facts";
import { MineHeading } from "@/components/mine/mine-heading";
import { SelfReportedDangers } from "@/components/mine/self-reported-dangers";
import { SpotCheckList } from "@/components/mine/spot-check-list";
import { StatusHistory } from "@/components/mine/status-history";
import { WhyThisGrade } from "@/components/mine/why-this-grade";
import { RecordRecentMine } from "@/components/field/record-recent-mine";
import { getDisplayFormat } from "@/lib/i18n/display";
import { can } from "@/lib/server/auth/permissions";
import { canReplyTo } from "@/lib/server/auth/reply-permission";
import { getCaller, requireCaller } from "@/lib/server/auth/session";
import { mayUseApplications } from "@/lib/server/data/applications";
import { gradeExplanation } from "@/lib/server/data/grade-explanation";
import { selfReportedDangers } from "@/lib/server/data/hidden-dangers";
import { elementNames, getMineProfile } from "@/lib/server/data/mines";
import { decisionReplies } from "@/lib/server/data/spot-check-detail";
import { reportHiddenDangerAction } from "./actions";
import { addReplyAction } from "./reply-actions";

type Params = { params: Promise<{ code: string }>; searchParams?: Promise<{ saved?: string }> };

// One scoped read per request, shared by the title and the page: a mine outside the caller's scope
// (or absent) gets no title of its own, so a 404 does not echo the code asked for.
const loadProfile = cache(async (code: string) => {
  const caller = await getCaller();
  return caller ? getMineProfile(caller, code) : null;
});

export async function generateMetadata({ params }: Params) {
  const profile = await loadProfile(decodeURIComponent((await params).code));
  if (!profile) return {};
  const t = await getTranslations("profile");
  return { title: t("title", { code: profile.mine.code }) };
}

export default async function MineProfilePage({ params, searchParams }: Params) {
  const caller = await requireCaller();
  const code = decodeURIComponent((await params).code);
  const profile = await loadProfile(code);
  if (!profile) notFound();
  const { mine, currentGrade, today } = profile;
  const [t, tm, f, names, explained, repliesByDecision, dangers, saved] = await Promise.all([
    getTranslations("profile"),
    getTranslations("managerView"),
    getDisplayFormat(),
    elementNames([...new Set(mine.spotChecks.map((s) => s.scoresheet.ruleVersionId))]),
    gradeExplanation(caller, code, { today }),
    decisionReplies(caller, code),
    selfReportedDangers(caller, code),
    searchParams?.then((s) => s.saved),
  ]);
  const ownMine = caller.mineId === mine.id;
  // Files are read per request beside the cached profile, each held to its record's readers.
  const [accidentFiles, dangerFiles] = await Promise.all([
    evidenceOf(
      caller,
      "accident",
      mine.accidents.map((a) => a.id),
    ),
    evidenceOf(
      caller,
      "hiddenDanger",
      (dangers ?? []).map((d) => d.id),
    ),
  ]);
  const files = (kind: "accident" | "hiddenDanger", byId: Map<number, EvidenceFileInfo[]>, mayAttach: boolean) =>
    function Files(id: number) {
      const list = byId.get(id) ?? [];
      return (
        <>
          <EvidenceFiles files={list} testId={`${kind}-${id}-files`} />
          {mayAttach && (
            <EvidenceUploadForm action={attachEvidenceAction} ownerKind={kind} ownerId={id} already={list.length} />
          )}
        </>
      );
    };

  return (
    <div className="space-y-6">
      {can(caller.role, "spotCheck.record") && <RecordRecentMine userId={caller.id} code={mine.code} />}
      <MineHeading
        mine={mine}
        saved={saved}
        canRecordSpotCheck={can(caller.role, "spotCheck.record")}
        canRecordAccident={can(caller.role, "accident.record")}
        canKeepRegister={can(caller.role, "mine.register")}
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <CurrentGrade grade={currentGrade} today={today} />
        <MineFacts mine={mine} />
      </div>
      {explained && (
        <>
          <WhyThisGrade data={explained} />
          <DistanceToDowngrade data={explained} linkApplications={mayUseApplications(caller)} />
        </>
      )}
      <p>
        <Link
          href={`/mines/${encodeURIComponent(mine.code)}/timeline`}
          className="text-brand-700 underline"
          data-testid="timeline-link"
        >
          {tm("timeline.link")}
        </Link>
      </p>
      <GradeHistory grades={mine.grades} today={today} />
      <SpotCheckList mine={mine} elementNames={names} />
      <DecisionList
        decisions={mine.decisions}
        replies={repliesByDecision}
        replyForm={(d) =>
          canReplyTo(caller, { kind: "decision", mineId: mine.id, decisionStatus: d.status }) ? (
            <ReplyForm action={addReplyAction} target="decision" targetId={d.id} />
          ) : null
        }
      />
      <SelfReportedDangers
        dangers={dangers ?? []}
        form={
          can(caller.role, "hiddenDanger.selfReport") && ownMine ? (
            <HiddenDangerForm action={reportHiddenDangerAction} today={today} />
          ) : null
        }
        evidence={files("hiddenDanger", dangerFiles, can(caller.role, "hiddenDanger.selfReport") && ownMine)}
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <AccidentList
          accidents={mine.accidents}
          evidence={files("accident", accidentFiles, can(caller.role, "accident.record"))}
        />
        <StatusHistory periods={mine.statusPeriods} />
      </div>
      <p className="text-xs text-slate-500">{t("asOf", { date: f.date(today) })}</p>
    </div>
  );
}

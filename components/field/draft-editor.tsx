"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useErrorText } from "@/components/forms/kit/error-text";
import { computeGrade, validateScores, type ElementInput } from "@/lib/domain/grading";
import { ruleVersionIn } from "@/lib/domain/rule-version-on";
import { elementsFor } from "@/lib/domain/rules";
import type { FieldPack } from "@/lib/field/contract";
import { scoreProblems, scoreValues } from "@/lib/field/payload";
import { preparePhoto } from "@/lib/field/photo";
import * as store from "@/lib/field/store";
import { displayFormat } from "@/lib/i18n/format";
import { pickName } from "@/lib/i18n/pick";
import { CONCLUSIONS, SEVERITIES, SPOT_CHECK_TYPES } from "@/lib/validation/spot-check-options";
import { SPOT_CHECK_LIMITS } from "@/lib/validation/text-limits";
import { primaryTouch, secondaryTouch, touchControl, touchControlBase } from "./buttons";
import { ConflictPanel } from "./conflict-panel";
import { PhotoList } from "./photo-list";
import { StateBadge } from "./state-badge";

/**
 * One draft, phone first: the general fields, the element scores (a compact list, 缺项 per element,
 * numeric keyboards) with a sticky bar of the live result from the server's own engine, the findings
 * and major hidden dangers with photos from the camera, the conclusion and notes. Every change is
 * written to IndexedDB at once, so closing the browser loses nothing. "Finish and send" queues the
 * draft for the sync client; the server's answer comes back onto it (a conflict to decide, the
 * fields it refused next to them).
 */
export function DraftEditor({
  userId,
  pack,
  draftKey,
  syncRuns,
  onBack,
  onQueued,
}: {
  userId: number;
  pack: FieldPack;
  draftKey: string;
  /** Counts the sync runs: a queued draft is read again after each, to show the server's answer. */
  syncRuns: number;
  onBack: () => void;
  onQueued: () => void;
}) {
  const t = useTranslations("field");
  const ts = useTranslations("spotCheckForm");
  const te = useTranslations("enums");
  const fmt = displayFormat(useFormatter(), useTranslations("grade"));
  const locale = useLocale();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<store.Draft | null | undefined>(undefined);
  const [photos, setPhotos] = useState<store.DraftPhoto[]>([]);
  const [checkLocal, setCheckLocal] = useState(false);
  const [photoError, setPhotoError] = useState(false);
  const writes = useRef<Promise<unknown>>(Promise.resolve());

  const read = useCallback(
    () => writes.current.then(() => Promise.all([store.getDraft(userId, draftKey), store.photosOf(userId, draftKey)])),
    [userId, draftKey],
  );
  const reload = useCallback(async () => {
    const [d, p] = await read();
    setDraft(d ?? null);
    setPhotos(p);
    return d;
  }, [read]);

  // Read once, and again after each sync run while queued: it learns the server's answer so.
  const state = draft?.state;
  useEffect(() => {
    if (state !== undefined && state !== "sending") return;
    let live = true;
    void read().then(([d, p]) => {
      if (!live) return;
      setDraft(d ?? null);
      setPhotos(p);
    });
    return () => {
      live = false;
    };
  }, [read, syncRuns, state]);

  /** Applies a change here and in IndexedDB (in order); an edit answers the server's refusal of that field. */
  const save = useCallback(
    (change: (d: store.Draft) => store.Draft, path?: string) => {
      const apply = (d: store.Draft): store.Draft => {
        const next = change(d);
        let lastAnswer = next.lastAnswer;
        if (lastAnswer?.status === "invalid" && path) {
          const fieldErrors = Object.fromEntries(
            Object.entries(lastAnswer.fieldErrors).filter(([k]) => k !== path && !k.startsWith(`${path}.`)),
          );
          lastAnswer = { ...lastAnswer, fieldErrors };
        }
        return { ...next, lastAnswer, state: next.state === "invalid" ? "draft" : next.state };
      };
      setDraft((d) => (d ? apply(d) : d));
      writes.current = writes.current.then(() => store.updateDraft(userId, draftKey, apply)).catch(() => undefined);
    },
    [userId, draftKey],
  );

  if (draft === undefined) return <p className="text-slate-600">{t("loading")}</p>;
  if (draft === null)
    return (
      <div className="space-y-3">
        <p>{t("notFound")}</p>
        <button type="button" className={secondaryTouch} onClick={onBack}>
          {t("back")}
        </button>
      </div>
    );

  const rules = ruleVersionIn(draft.checkedOn || pack.today, pack.ruleSets);
  const elements = rules ? elementsFor(rules, draft.mine.type) : [];
  const codes = elements.map((e) => e.code);
  const values = scoreValues(draft, codes);
  const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<
    string,
    ElementInput
  >;
  const live: Record<string, string> = rules
    ? Object.fromEntries(
        validateScores(rules, draft.mine.type, typed)
          .filter((i) => i.problem === "OUT_OF_RANGE" || i.problem === "NOT_A_NUMBER")
          .map((i) => [`scores.${i.elementCode}`, `score_${i.problem}`]),
      )
    : {};
  const invalidCount = Object.keys(live).length;
  const missing = codes.filter((c) => values[c] === undefined).length;
  let preview: ReturnType<typeof computeGrade> | null = null;
  if (rules && invalidCount === 0 && missing === 0) {
    try {
      preview = computeGrade({ rules, mineType: draft.mine.type, scores: typed, asOf: draft.checkedOn || pack.today });
    } catch {
      preview = null;
    }
  }
  const local = checkLocal && rules ? scoreProblems(draft, rules, draft.mine.type) : {};
  const server =
    draft.lastAnswer?.status === "invalid" && (draft.state === "invalid" || draft.state === "draft")
      ? draft.lastAnswer.fieldErrors
      : {};
  const rendered = new Set<string>(["checkedOn", "type", "team", "conclusion", "notes"]);
  const errorFor = (path: string): string | undefined => {
    rendered.add(path);
    const key = live[path] ?? local[path] ?? server[path];
    return key ? errorText(key) : undefined;
  };
  const locked = draft.state === "sending" || draft.state === "sent";
  const mineName = pickName(locale, draft.mine.name, draft.mine.nameEn);
  const elementLabel = (code: string) => {
    const e = elements.find((x) => x.code === code);
    return e ? `${e.code} ${pickName(locale, e.nameZh, e.nameEn)}` : code;
  };

  /** One finding's change, answering the server's refusal of that field. */
  const setFinding = (i: number, id: string, patch: Partial<Omit<store.DraftFinding, "id">>) =>
    save(
      (d) => ({ ...d, findings: d.findings.map((x) => (x.id === id ? { ...x, ...patch } : x)) }),
      `findings.${i}.${Object.keys(patch)[0]}`,
    );

  const ownerPhotos = (kind: "finding" | "hiddenDanger", id: string) =>
    photos.filter((p) => p.owner.kind === kind && p.owner.id === id);
  const addPhoto = async (kind: "finding" | "hiddenDanger", id: string, file: File) => {
    setPhotoError(false);
    try {
      const { blob, filename } = await preparePhoto(file);
      await store.addPhoto(userId, draftKey, { kind, id }, blob, filename);
      setPhotos(await store.photosOf(userId, draftKey));
    } catch {
      setPhotoError(true);
    }
  };
  const removePhoto = async (fileKey: string) => {
    await store.deletePhoto(userId, fileKey);
    setPhotos(await store.photosOf(userId, draftKey));
  };

  const send = async () => {
    const problems = rules ? scoreProblems(draft, rules, draft.mine.type) : { rules: "invalid" };
    if (Object.keys(problems).length > 0) {
      setCheckLocal(true);
      return;
    }
    save((d) => ({ ...d, state: "sending", lastAnswer: null }));
    await writes.current;
    onQueued();
  };

  // Server errors on fields this form does not show (listed at the top, so none is lost).
  const serverPaths = Object.keys(server);

  const body = (
    <>
      <fieldset className="space-y-3 rounded-lg bg-white p-3 shadow-sm">
        <legend className="px-1 font-semibold">{ts("general")}</legend>
        <Row label={ts("checkedOn")} error={errorFor("checkedOn")}>
          {(p) => (
            <input
              {...p}
              type="date"
              max={pack.today}
              value={draft.checkedOn}
              className={touchControl}
              data-testid="checked-on"
              onChange={(e) => {
                const checkedOn = e.target.value;
                save(
                  (d) => ({
                    ...d,
                    checkedOn,
                    // The score sheet is the one in force on the check date: the basis says which.
                    basis: {
                      ...d.basis,
                      ruleVersionCode:
                        ruleVersionIn(checkedOn || pack.today, pack.ruleSets)?.code ?? d.basis.ruleVersionCode,
                    },
                  }),
                  "checkedOn",
                );
              }}
            />
          )}
        </Row>
        <SelectRow
          label={ts("type")}
          error={errorFor("type")}
          value={draft.type}
          options={SPOT_CHECK_TYPES.map((v) => [v, te(`spotCheckType.${v}`)])}
          onChange={(type) => save((d) => ({ ...d, type }), "type")}
        />
        <TextRow
          label={ts("team")}
          error={errorFor("team")}
          value={draft.team}
          max={SPOT_CHECK_LIMITS.team}
          testId="team"
          onChange={(team) => save((d) => ({ ...d, team }), "team")}
        />
        {rules && (
          <p className="text-sm text-slate-600" data-testid="rule-version" data-code={rules.code}>
            {t("ruleVersion", { name: pickName(locale, rules.nameZh, rules.nameEn) })}
          </p>
        )}
      </fieldset>

      <fieldset className="rounded-lg bg-white p-3 shadow-sm">
        <legend className="px-1 font-semibold">{t("scores")}</legend>
        <ul className="divide-y divide-slate-100">
          {elements.map((e) => {
            const path = `scores.${e.code}`;
            const error = errorFor(path);
            const na = Boolean(draft.notApplicable[e.code]);
            return (
              <li key={e.code} className="py-2" data-element-row={e.code}>
                <ScoreRow
                  code={e.code}
                  label={elementLabel(e.code)}
                  weight={t("weight", { weight: fmt.weight(e.weight) })}
                  value={draft.scores[e.code] ?? ""}
                  notApplicable={na}
                  notApplicableLabel={t("notApplicable")}
                  error={error}
                  onValue={(v) => save((d) => ({ ...d, scores: { ...d.scores, [e.code]: v } }), path)}
                  onNotApplicable={(v) =>
                    save((d) => ({ ...d, notApplicable: { ...d.notApplicable, [e.code]: v } }), path)
                  }
                />
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="space-y-3 rounded-lg bg-white p-3 shadow-sm">
        <legend className="px-1 font-semibold">{ts("findings")}</legend>
        {draft.findings.map((f, i) => (
          <div key={f.id} className="space-y-2 border-b border-slate-200 pb-3" data-testid="finding">
            <SelectRow
              label={ts("element")}
              error={errorFor(`findings.${i}.elementCode`)}
              value={f.elementCode}
              options={[["", "—"], ...elements.map((e) => [e.code, elementLabel(e.code)] as const)]}
              onChange={(elementCode) => setFinding(i, f.id, { elementCode })}
            />
            <TextRow
              label={ts("findingText")}
              error={errorFor(`findings.${i}.text`)}
              value={f.text}
              max={SPOT_CHECK_LIMITS.findingText}
              rows={2}
              onChange={(text) => setFinding(i, f.id, { text })}
            />
            <div className="grid grid-cols-2 gap-2">
              <SelectRow
                label={ts("severity")}
                error={errorFor(`findings.${i}.severity`)}
                value={f.severity}
                options={SEVERITIES.map((v) => [v, te(`severity.${v}`)])}
                onChange={(v) => setFinding(i, f.id, { severity: v === "MAJOR" ? "MAJOR" : "GENERAL" })}
              />
              <Row label={ts("rectifyBy")} error={errorFor(`findings.${i}.rectifyBy`)}>
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    value={f.rectifyBy}
                    className={touchControl}
                    onChange={(e) => setFinding(i, f.id, { rectifyBy: e.target.value })}
                  />
                )}
              </Row>
            </div>
            <PhotoList
              photos={ownerPhotos("finding", f.id)}
              onAdd={(file) => addPhoto("finding", f.id, file)}
              onRemove={removePhoto}
              testId={`finding-${i}-photos`}
            />
            <button
              type="button"
              className={`${secondaryTouch} text-red-800`}
              onClick={async () => {
                save((d) => ({ ...d, findings: d.findings.filter((x) => x.id !== f.id) }), "findings");
                await writes.current;
                await store.deletePhotosOf(userId, draftKey, f.id);
                setPhotos(await store.photosOf(userId, draftKey));
              }}
            >
              {ts("remove")}
            </button>
          </div>
        ))}
        <button
          type="button"
          className={secondaryTouch}
          data-testid="add-finding"
          onClick={() => {
            // The id is made once, outside the change (which runs here and again in IndexedDB).
            const id = crypto.randomUUID();
            save((d) => ({
              ...d,
              findings: [...d.findings, { id, elementCode: "", text: "", severity: "GENERAL", rectifyBy: "" }],
            }));
          }}
        >
          {ts("addFinding")}
        </button>
      </fieldset>

      <fieldset className="space-y-3 rounded-lg bg-white p-3 shadow-sm">
        <legend className="px-1 font-semibold">{ts("hiddenDangers")}</legend>
        {draft.majorHiddenDangers.map((h, i) => (
          <div key={h.id} className="space-y-2 border-b border-slate-200 pb-3" data-testid="hidden-danger">
            <TextRow
              label={ts("hiddenDangerText", { n: i + 1 })}
              error={errorFor(`majorHiddenDangers.${i}.description`)}
              value={h.description}
              max={SPOT_CHECK_LIMITS.hiddenDanger}
              rows={2}
              onChange={(description) =>
                save(
                  (d) => ({
                    ...d,
                    majorHiddenDangers: d.majorHiddenDangers.map((x) => (x.id === h.id ? { ...x, description } : x)),
                  }),
                  `majorHiddenDangers.${i}.description`,
                )
              }
            />
            <PhotoList
              photos={ownerPhotos("hiddenDanger", h.id)}
              onAdd={(file) => addPhoto("hiddenDanger", h.id, file)}
              onRemove={removePhoto}
              testId={`danger-${i}-photos`}
            />
            <button
              type="button"
              className={`${secondaryTouch} text-red-800`}
              onClick={async () => {
                save(
                  (d) => ({ ...d, majorHiddenDangers: d.majorHiddenDangers.filter((x) => x.id !== h.id) }),
                  "majorHiddenDangers",
                );
                await writes.current;
                await store.deletePhotosOf(userId, draftKey, h.id);
                setPhotos(await store.photosOf(userId, draftKey));
              }}
            >
              {ts("remove")}
            </button>
          </div>
        ))}
        <button
          type="button"
          className={secondaryTouch}
          onClick={() => {
            const id = crypto.randomUUID();
            save((d) => ({ ...d, majorHiddenDangers: [...d.majorHiddenDangers, { id, description: "" }] }));
          }}
        >
          {ts("addHiddenDanger")}
        </button>
        {photoError && (
          <p role="alert" className="text-sm text-red-700">
            {t("photoFailed")}
          </p>
        )}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg bg-white p-3 shadow-sm">
        <legend className="px-1 font-semibold">{ts("conclusion")}</legend>
        <SelectRow
          label={ts("conclusion")}
          error={errorFor("conclusion")}
          value={draft.conclusion}
          options={CONCLUSIONS.map((c) => [c, te(`conclusion.${c}`)])}
          onChange={(conclusion) => save((d) => ({ ...d, conclusion }), "conclusion")}
        />
        <TextRow
          label={ts("notes")}
          error={errorFor("notes")}
          value={draft.notes}
          max={SPOT_CHECK_LIMITS.notes}
          rows={3}
          onChange={(notes) => save((d) => ({ ...d, notes }), "notes")}
        />
      </fieldset>
    </>
  );

  const unshown = serverPaths.filter((p) => !rendered.has(p));

  return (
    <div className="space-y-4" data-testid="draft-editor" data-key={draft.key} data-state={draft.state}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <button type="button" className={secondaryTouch} onClick={onBack} data-testid="back">
          {t("back")}
        </button>
        <StateBadge state={draft.state} />
      </div>
      <h2 className="text-lg font-semibold break-words">{mineName}</h2>
      <p className="font-mono text-xs text-slate-600">{draft.mineCode}</p>

      {draft.state === "conflict" && draft.lastAnswer?.status === "conflict" && (
        <ConflictPanel
          draft={draft}
          answer={draft.lastAnswer}
          onDone={async () => {
            if (!(await reload())) onBack();
          }}
          onQueued={onQueued}
        />
      )}
      {draft.lastAnswer?.status === "invalid" && serverPaths.length > 0 && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm" data-testid="invalid">
          <p className="font-semibold">{t("invalid.title")}</p>
          <p>{t("invalid.intro")}</p>
          {unshown.length > 0 && (
            <ul className="list-disc pl-5">
              {unshown.map((p) => (
                <li key={p}>{errorText(server[p])}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {draft.lastAnswer?.status === "refused" && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm">
          {t(`refused.${draft.lastAnswer.reason}`)}
        </p>
      )}
      {draft.state === "sending" && (
        <p className="rounded border border-blue-200 bg-blue-50 p-3 text-sm" data-testid="queued">
          {t("queued")}
          {draft.lastAnswer?.status === "error" && (
            <span className="block text-slate-700">{t("lastError", { message: draft.lastAnswer.message })}</span>
          )}
        </p>
      )}
      {draft.state === "sent" && (
        <p className="rounded border border-green-300 bg-green-50 p-3 text-sm" data-testid="sent-note">
          {t("sentNote")}{" "}
          {draft.sent && draft.sent.url.startsWith("/") && !draft.sent.url.startsWith("//") && (
            <a href={draft.sent.url} className="text-brand-700 underline">
              {t("openRecord")}
            </a>
          )}
        </p>
      )}

      <fieldset disabled={locked} className="min-w-0 space-y-4">
        {body}
      </fieldset>

      {checkLocal && Object.keys(local).length > 0 && (
        <p role="alert" className="text-sm font-medium text-red-700" data-testid="fix-first">
          {t("fixFirst")}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {(draft.state === "draft" || draft.state === "invalid") && (
          <>
            <button type="button" className={primaryTouch} onClick={() => void send()} data-testid="send">
              {t("send")}
            </button>
            <button
              type="button"
              className={`${secondaryTouch} text-red-800`}
              onClick={async () => {
                if (!window.confirm(t("confirmDelete"))) return;
                await writes.current;
                await store.deleteDraft(userId, draftKey);
                onBack();
              }}
            >
              {t("deleteDraft")}
            </button>
          </>
        )}
        {draft.state === "sending" && (
          <button
            type="button"
            className={secondaryTouch}
            onClick={() => save((d) => ({ ...d, state: "draft", confirm: false }))}
          >
            {t("editAgain")}
          </button>
        )}
      </div>
      {(draft.state === "draft" || draft.state === "invalid") && (
        <p className="text-xs text-slate-600">{t("sendHint")}</p>
      )}

      {/* The live result: last in the editor and sticky, so it stays at the bottom of the screen while scrolling. */}
      <div
        aria-live="polite"
        className="sticky bottom-0 z-10 -mx-3 border-t border-slate-300 bg-white/95 px-3 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.08)]"
        data-testid="result-bar"
      >
        {preview ? (
          <p className="flex flex-wrap items-baseline justify-between gap-2 font-semibold">
            <span>
              {t("result")}: <span data-testid="live-total">{t("total", { total: fmt.score(preview.total) })}</span>
            </span>
            <span data-testid="live-level">{fmt.level(preview.level)}</span>
          </p>
        ) : (
          <p className="text-sm" data-testid="live-incomplete">
            {t("result")}:{" "}
            {invalidCount > 0 ? t("invalidScores", { count: invalidCount }) : t("incomplete", { count: missing })}
          </p>
        )}
        <p className="text-xs text-slate-600">
          {t("vetoNote")} · {t("saved")}
        </p>
      </div>
    </div>
  );
}

/** A label, its control (given the id and the error's description), a length count and the error. */
function Row({
  label,
  error,
  count,
  children,
}: {
  label: string;
  error: string | undefined;
  count?: { length: number; max: number };
  children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const tf = useTranslations("forms");
  const over = count ? count.length - count.max : 0;
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? `${id}-error` : undefined,
      })}
      {count && (
        <p className={`text-xs ${over > 0 ? "font-semibold text-red-700" : "text-slate-600"}`}>
          {over > 0
            ? tf("countOver", { count: count.length, max: count.max, over })
            : tf("count", { count: count.length, max: count.max })}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A choice among `options` ([value, label]) in a Row. */
function SelectRow({
  label,
  error,
  value,
  options,
  onChange,
}: {
  label: string;
  error: string | undefined;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <Row label={label} error={error}>
      {(p) => (
        <select {...p} value={value} className={touchControl} onChange={(e) => onChange(e.target.value)}>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Row>
  );
}

/** A text of at most `max` characters in a Row with its count: one line, or a textarea of `rows`. */
function TextRow({
  label,
  error,
  value,
  max,
  rows,
  testId,
  onChange,
}: {
  label: string;
  error: string | undefined;
  value: string;
  max: number;
  rows?: number;
  testId?: string;
  onChange: (value: string) => void;
}) {
  return (
    <Row label={label} error={error} count={{ length: value.length, max }}>
      {(p) =>
        rows ? (
          <textarea
            {...p}
            rows={rows}
            value={value}
            className={touchControl}
            data-testid={testId}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            {...p}
            value={value}
            className={touchControl}
            data-testid={testId}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Row>
  );
}

function ScoreRow({
  code,
  label,
  weight,
  value,
  notApplicable,
  notApplicableLabel,
  error,
  onValue,
  onNotApplicable,
}: {
  code: string;
  label: string;
  weight: string;
  value: string;
  notApplicable: boolean;
  notApplicableLabel: string;
  error: string | undefined;
  onValue: (value: string) => void;
  onNotApplicable: (value: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm">
        {label} <span className="text-xs text-slate-600">({weight})</span>
      </label>
      <div className="flex items-center gap-3">
        <input
          id={id}
          data-element={code}
          inputMode="decimal"
          autoComplete="off"
          disabled={notApplicable}
          value={notApplicable ? "" : value}
          onChange={(e) => onValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={`${touchControlBase} w-28 flex-none disabled:bg-slate-100`}
        />
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="h-6 w-6"
            data-na={code}
            checked={notApplicable}
            onChange={(e) => onNotApplicable(e.target.checked)}
          />
          {notApplicableLabel}
        </label>
      </div>
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

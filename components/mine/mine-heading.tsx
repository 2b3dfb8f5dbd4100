import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { pickName } from "@/lib/i18n/pick";
import type { MineProfile } from "@/lib/server/data/mines";

/** The mine's code, name and region, what was just saved, and the records the caller may add. */
export async function MineHeading({
  mine,
  saved,
  canRecordSpotCheck,
  canRecordAccident,
  canKeepRegister = false,
}: {
  mine: MineProfile["mine"];
  saved: string | undefined;
  canRecordSpotCheck: boolean;
  canRecordAccident: boolean;
  /** The caller keeps the register for this mine: links to edit it and to change its status. */
  canKeepRegister?: boolean;
}) {
  const [tev, tr, locale] = await Promise.all([
    getTranslations("events"),
    getTranslations("mineRegister"),
    getLocale(),
  ]);
  const prefecture = mine.county.parent;
  const province = prefecture?.parent;
  const region = [province, prefecture, mine.county]
    .filter((r) => r !== null && r !== undefined)
    .map((r) => pickName(locale, r.nameZh, r.nameEn))
    .join(" · ");
  const code = encodeURIComponent(mine.code);
  return (
    <>
      <div>
        <p className="font-mono text-sm text-slate-600">{mine.code}</p>
        <h1 className="text-2xl font-semibold" data-testid="mine-name">
          {pickName(locale, mine.name, mine.nameEn)}
        </h1>
        <p className="text-slate-700" data-testid="mine-region">
          {region}
        </p>
      </div>
      {(saved === "spot-check" || saved === "accident") && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {tev(`saved_${saved}`)}
        </p>
      )}
      {(saved === "registered" || saved === "edited") && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {tr(`saved_${saved}`)}
        </p>
      )}
      {(canRecordSpotCheck || canRecordAccident || canKeepRegister) && (
        <div className="flex flex-wrap gap-2">
          {canRecordSpotCheck && (
            <Link
              href={`/mines/${code}/spot-checks/new`}
              className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1.5 text-sm text-white"
            >
              {tev("recordSpotCheck")}
            </Link>
          )}
          {canRecordSpotCheck && (
            // A full page load (not a client navigation): the field app is its own shell, kept for offline use.
            <a
              href={`/field?mine=${code}`}
              className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100"
              data-testid="record-offline"
            >
              {tev("recordOffline")}
            </a>
          )}
          {canRecordAccident && (
            <Link
              href={`/mines/${code}/accidents/new`}
              className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              {tev("recordAccident")}
            </Link>
          )}
          {canKeepRegister && (
            <>
              <Link
                href={`/mines/${code}/status`}
                className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100"
                data-testid="status-link"
              >
                {tr("statusLink")}
              </Link>
              <Link
                href={`/mines/${code}/edit`}
                className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100"
                data-testid="edit-link"
              >
                {tr("editLink")}
              </Link>
            </>
          )}
        </div>
      )}
    </>
  );
}

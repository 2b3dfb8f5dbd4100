import { getTranslations } from "next-intl/server";
import type { EvidenceFileInfo } from "@/lib/server/files/storage";
import { MAX_EVIDENCE_FILES_PER_RECORD } from "@/lib/validation/evidence-limits";

/** A record's files: photos as a grid of thumbnails (each opens the photo), other files as a list to download. */
export async function EvidenceFiles({ files, testId }: { files: EvidenceFileInfo[]; testId: string }) {
  const t = await getTranslations("evidence");
  if (files.length === 0)
    return (
      <p className="text-xs text-slate-600" data-testid={testId}>
        {t("none")}
      </p>
    );
  const images = files.filter((f) => f.hasThumbnail);
  const others = files.filter((f) => !f.hasThumbnail);
  const kb = (size: number) => t("size", { kb: Math.max(1, Math.round(size / 1024)) });
  return (
    <div className="space-y-2" data-testid={testId}>
      <p className="text-xs text-slate-600">
        {t("count", { count: files.length, max: MAX_EVIDENCE_FILES_PER_RECORD })}
      </p>
      {images.length > 0 && (
        <ul className="grid grid-cols-3 gap-2 sm:grid-cols-5">
          {images.map((f) => (
            <li key={f.id}>
              <a
                href={`/files/${f.id}`}
                target="_blank"
                rel="noopener"
                className="block"
                data-testid={`evidence-file-${f.id}`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- a private file: next/image would cache it */}
                <img
                  src={`/files/${f.id}/thumb`}
                  alt={t("thumbAlt", { name: f.filename })}
                  loading="lazy"
                  className="aspect-square w-full rounded border border-slate-300 object-cover"
                />
                <span className="block truncate text-xs">{f.filename}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <ul className="space-y-1 text-sm">
          {others.map((f) => (
            <li key={f.id}>
              <a
                href={`/files/${f.id}`}
                download
                className="text-brand-700 underline"
                data-testid={`evidence-file-${f.id}`}
              >
                {f.filename}
              </a>{" "}
              <span className="text-xs text-slate-600">
                ({t("pdf")}, {kb(f.size)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

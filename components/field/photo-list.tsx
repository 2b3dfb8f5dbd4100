"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useState } from "react";
import type { DraftPhoto } from "@/lib/field/store";
import { secondaryTouch } from "./buttons";

/** The photos of a finding or hidden danger, as thumbnails from their Blobs, and the camera. */
export function PhotoList({
  photos,
  onAdd,
  onRemove,
  testId,
}: {
  photos: DraftPhoto[];
  onAdd: (file: File) => Promise<void>;
  onRemove: (fileKey: string) => Promise<void>;
  testId: string;
}) {
  const t = useTranslations("field");
  const id = useId();
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-2" data-testid={testId} data-count={photos.length}>
      <p className="text-sm font-medium">{t("photos")}</p>
      {photos.length > 0 && (
        <ul className="flex flex-wrap gap-2">
          {photos.map((p, i) => (
            <li key={p.fileKey} className="flex flex-col items-center gap-1">
              <Thumbnail blob={p.blob} alt={t("photoOf", { n: i + 1 })} />
              <button
                type="button"
                className="min-h-11 px-2 text-xs text-red-800 underline"
                aria-label={t("removePhoto", { n: i + 1 })}
                onClick={() => void onRemove(p.fileKey)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* The label is the button: the input itself is visually hidden but stays focusable. */}
      <label htmlFor={id} className={`${secondaryTouch} cursor-pointer`} aria-busy={busy || undefined}>
        {t("addPhoto")}
      </label>
      <input
        id={id}
        type="file"
        accept="image/*"
        capture="environment"
        className="sr-only"
        data-testid="photo-input"
        onChange={async (e) => {
          const input = e.currentTarget;
          const files = Array.from(input.files ?? []);
          setBusy(true);
          try {
            for (const file of files) await onAdd(file);
          } finally {
            setBusy(false);
            input.value = "";
          }
        }}
      />
    </div>
  );
}

function Thumbnail({ blob, alt }: { blob: Blob; alt: string }) {
  const url = useMemo(() => URL.createObjectURL(blob), [blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  // A Blob's object URL: next/image cannot optimise it.
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={url} alt={alt} className="h-20 w-20 rounded border border-slate-300 object-cover" />;
}

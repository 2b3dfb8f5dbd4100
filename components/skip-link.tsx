import { getTranslations } from "next-intl/server";
import { MAIN_ID } from "./main-id";

/** The first thing a keyboard reaches: hidden until focused, it jumps past the header to the page. */
export async function SkipLink() {
  const t = await getTranslations("common");
  return (
    <a
      href={`#${MAIN_ID}`}
      data-testid="skip-link"
      className="text-brand-700 sr-only z-50 rounded bg-white font-medium shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:px-4 focus:py-2"
    >
      {t("skipToMain")}
    </a>
  );
}

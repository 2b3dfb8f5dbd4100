import { createTranslator } from "next-intl";
import type { Locale } from "./config";
import { MESSAGES } from "./messages";

/** A message lookup over a locale's whole catalogue: `t("namespace.key", values)`. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const translators = new Map<Locale, Translate>();

/** A translator outside a request (exports, files, tests); one per locale. */
export function translatorFor(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    const t = createTranslator({ locale, messages: MESSAGES[locale] });
    translate = (key, values) => (t as unknown as Translate)(key, values);
    translators.set(locale, translate);
  }
  return translate;
}

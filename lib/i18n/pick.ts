/** The English name when the locale is English and one exists, else the Chinese name. */
export function pickName(locale: string, zh: string, en: string | null | undefined): string {
  return locale === "en" && en ? en : zh;
}

// The lines `npm start` / `npm run dev` print for the operator, from the "operator" namespace of the
// portal's catalogues, in the language of the terminal's locale.
import fs from "node:fs";
import path from "node:path";

const MESSAGES_DIR = path.resolve(import.meta.dirname, "..", "..", "lib", "i18n", "messages");

/**
 * The catalogue for the locale variables, read as POSIX does (LC_ALL, then LC_MESSAGES, then
 * LANG): English for an English locale, Chinese for a Chinese one and for none at all (unset, C or
 * POSIX, as on many servers: the portal's own default), English for any other language.
 */
export function operatorLocale(vars = process.env) {
  const value = [vars.LC_ALL, vars.LC_MESSAGES, vars.LANG].find((v) => v && v.trim() !== "") ?? "";
  const language = value.split(/[_.@-]/)[0].toLowerCase();
  if (language === "zh" || language === "" || language === "c" || language === "posix") return "zh-CN";
  return "en";
}

/** say(key, values): the message with its {placeholders} filled in. */
export function operatorMessages(vars = process.env) {
  const file = path.join(MESSAGES_DIR, operatorLocale(vars), "operator.json");
  const catalogue = JSON.parse(fs.readFileSync(file, "utf8"));
  return (key, values = {}) =>
    String(catalogue[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => String(values[name] ?? whole));
}

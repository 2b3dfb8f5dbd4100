// product.md, metric definitions: "Year Y is marked year-to-date as of D when D is before Y-12-31
// (the year had not ended on D); the API and every page use this one definition."

/** Whether year Y's figures as of `asOf` cover only part of it: asOf is before 31 December of Y. */
export function isYearToDate(year: number, asOf: string): boolean {
  return asOf < `${String(year).padStart(4, "0")}-12-31`;
}

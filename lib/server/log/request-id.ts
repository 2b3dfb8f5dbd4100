// The request id: proxy.ts gives every request one (keeping a well-formed one set by a reverse
// proxy in front, so its log and ours can be joined), passes it to the app in this header and
// returns it in the response, and every log line about the request carries it.
export const REQUEST_ID_HEADER = "x-request-id";

const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** The id a reverse proxy gave the request, if well formed, else a new one. */
export function requestIdFor(incoming: string | null | undefined): string {
  return incoming && WELL_FORMED.test(incoming) ? incoming : crypto.randomUUID();
}

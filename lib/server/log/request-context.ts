import "server-only";
import { headers } from "next/headers";
import { REQUEST_ID_HEADER } from "./request-id";

/** The current request's id (proxy.ts), or undefined outside a request (scripts, the scheduler). */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    return (await headers()).get(REQUEST_ID_HEADER) ?? undefined;
  } catch {
    return undefined;
  }
}

import "server-only";
import type { NextRequest } from "next/server";

/**
 * While the database is unreachable, the response every page gets instead of rendering: a
 * translated 503 page. Null while the database answers. (Placeholder until the fault work lands.)
 */
export async function unavailableResponse(_request: NextRequest): Promise<Response | null> {
  return null;
}

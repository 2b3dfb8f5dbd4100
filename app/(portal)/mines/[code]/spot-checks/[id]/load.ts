import "server-only";
import { cache } from "react";
import { getCaller } from "@/lib/server/auth/session";
import { getSpotCheckDetail } from "@/lib/server/data/spot-check-detail";

/**
 * The signed-in caller's view of a spot-check, from the route's raw params; one scoped read per
 * request, shared by a page and its title, so that a 404 does not echo the mine code asked for.
 */
export const loadSpotCheckDetail = cache(async (rawCode: string, rawId: string) => {
  const caller = await getCaller();
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : NaN;
  if (!caller || Number.isNaN(id)) return null;
  return getSpotCheckDetail(caller, decodeURIComponent(rawCode), id);
});

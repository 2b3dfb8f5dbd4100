"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { publicAction } from "@/lib/server/action-result";
import { clientIp } from "@/lib/server/http/client-ip";
import { lodgeObjection } from "@/lib/server/services/lodge-objection";
import { lodgeObjectionSchema } from "@/lib/validation/application";

/** Public: no login. */
export const lodgeObjectionAction = publicAction({
  schema: lodgeObjectionSchema,
  run: async (_public, input) => {
    const { applicationId } = await lodgeObjection(input, { ip: clientIp(await headers()) });
    revalidatePath(`/applications/${applicationId}`);
  },
});

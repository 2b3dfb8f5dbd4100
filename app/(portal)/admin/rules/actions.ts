"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import { cloneRuleVersion } from "@/lib/server/services/clone-rule-version";
import { publishRuleVersion } from "@/lib/server/services/publish-rule-version";
import { saveRuleDraft } from "@/lib/server/services/save-rule-draft";
import { cloneRuleVersionSchema, publishRuleVersionSchema, saveRuleDraftSchema } from "@/lib/validation/rule-version";

// Rule versions (ADMIN; the services check). Publishing changes which version grades new sheets from
// its date; nothing cached depends on rule versions, so the admin pages are all that is re-read.
export const cloneRuleVersionAction = callerAction({
  schema: cloneRuleVersionSchema,
  run: async (caller, input, values) => {
    await cloneRuleVersion(caller, input);
    revalidatePath("/admin/rules");
    // The form links to the new draft by the code it sent.
    return { ok: true, values };
  },
});

export const saveRuleDraftAction = callerAction({
  schema: saveRuleDraftSchema,
  run: async (caller, input) => {
    await saveRuleDraft(caller, input);
    revalidatePath("/admin/rules", "layout");
  },
});

export const publishRuleVersionAction = callerAction({
  schema: publishRuleVersionSchema,
  run: async (caller, input) => {
    await publishRuleVersion(caller, input);
    revalidatePath("/admin/rules", "layout");
  },
});

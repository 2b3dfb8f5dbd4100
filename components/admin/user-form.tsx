"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { primaryButton } from "@/components/forms/kit/buttons";
import { ErrorSummary } from "@/components/forms/kit/error-summary";
import { Field, TextField } from "@/components/forms/kit/field";
import { control } from "@/components/forms/kit/buttons";
import { Form, useFormAction, useFormContext } from "@/components/forms/kit/form";
import type { FormAction, FormState } from "@/lib/form-state";
import { ADMIN_LIMITS } from "@/lib/validation/text-limits";
import { OneTimePassword } from "./one-time-password";
import { RegionPicker, type PickerRegion } from "./region-picker";

export const ADMIN_NAMESPACES = ["adminErrors", "errors"] as const;

type CreatedState = FormState & { created?: { userId: number; email: string; password: string } };

function RoleSelect({ roles, defaultValue }: { roles: readonly string[]; defaultValue?: string }) {
  const t = useTranslations("enums.role");
  const ta = useTranslations("admin.users");
  const form = useFormContext();
  return (
    <Field name="role" label={ta("role")}>
      {(props) => (
        <select
          {...props}
          name="role"
          defaultValue={form?.value("role") ?? defaultValue ?? roles[0]}
          className={control}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(r)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A new account: email, name, role and jurisdiction; the answer shows the one-time password once. */
export function CreateUserForm({
  action,
  roles,
  regions,
  fixed,
}: {
  action: FormAction;
  roles: readonly string[];
  regions: readonly PickerRegion[];
  fixed: string;
}) {
  const t = useTranslations("admin.users");
  const form = useFormAction(action, { ok: false });
  const created = (form.state as CreatedState).created;
  return (
    <div className="space-y-4">
      {created && (
        <div className="space-y-2">
          <OneTimePassword email={created.email} password={created.password} />
          <Link className="text-brand-700 underline" href={`/admin/users/${created.userId}`}>
            {t("openCreated")}
          </Link>
        </div>
      )}
      <Form form={form} namespaces={ADMIN_NAMESPACES} className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <ErrorSummary />
        <TextField name="email" type="email" label={t("email")} maxLength={ADMIN_LIMITS.email} autoComplete="off" />
        <TextField name="name" label={t("name")} maxLength={ADMIN_LIMITS.userName} />
        <RoleSelect roles={roles} />
        <RegionPicker
          name="jurisdiction"
          label={t("jurisdiction")}
          regions={regions}
          fixed={fixed}
          hint={t("jurisdictionHint")}
        />
        <button type="submit" disabled={form.pending} className={primaryButton}>
          {t("create")}
        </button>
      </Form>
    </div>
  );
}

/** Name, role and jurisdiction of an existing account (version-checked). */
export function EditUserForm({
  action,
  roles,
  regions,
  fixed,
  user,
}: {
  action: FormAction;
  roles: readonly string[];
  regions: readonly PickerRegion[];
  fixed: string;
  user: { id: number; version: number; name: string; role: string; jurisdiction: string };
}) {
  const t = useTranslations("admin.users");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={ADMIN_NAMESPACES} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <ErrorSummary />
      {form.state.ok && (
        <p role="status" className="text-sm text-green-800">
          {t("saved")}
        </p>
      )}
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
      <TextField
        name="name"
        label={t("name")}
        maxLength={ADMIN_LIMITS.userName}
        defaultValue={form.state.values?.name ?? user.name}
      />
      <RoleSelect roles={roles} defaultValue={user.role} />
      <RegionPicker
        name="jurisdiction"
        label={t("jurisdiction")}
        regions={regions}
        fixed={fixed}
        defaultValue={user.jurisdiction}
        hint={t("jurisdictionHint")}
      />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("save")}
      </button>
    </Form>
  );
}

// The translation catalogues, one JSON file per namespace and locale. Add a namespace by adding
// its two files and one line to each list below; tests/unit/i18n.test.ts checks both locales match.
import en_admin from "./en/admin.json";
import en_adminErrors from "./en/adminErrors.json";
import en_applicationErrors from "./en/applicationErrors.json";
import en_applications from "./en/applications.json";
import en_audit from "./en/audit.json";
import en_calendar from "./en/calendar.json";
import en_ruleVersions from "./en/ruleVersions.json";
import en_common from "./en/common.json";
import en_dashboard from "./en/dashboard.json";
import en_decisions from "./en/decisions.json";
import en_documents from "./en/documents.json";
import en_enums from "./en/enums.json";
import en_errors from "./en/errors.json";
import en_events from "./en/events.json";
import en_evidence from "./en/evidence.json";
import en_field from "./en/field.json";
import en_forms from "./en/forms.json";
import en_grade from "./en/grade.json";
import en_importForm from "./en/importForm.json";
import en_inbox from "./en/inbox.json";
import en_landing from "./en/landing.json";
import en_login from "./en/login.json";
import en_managerView from "./en/managerView.json";
import en_mineRegister from "./en/mineRegister.json";
import en_notices from "./en/notices.json";
import en_notifications from "./en/notifications.json";
import en_operator from "./en/operator.json";
import en_profile from "./en/profile.json";
import en_register from "./en/register.json";
import en_registry from "./en/registry.json";
import en_spotCheckForm from "./en/spotCheckForm.json";
import en_offline from "./en/offline.json";
import en_unavailable from "./en/unavailable.json";
import en_spotCheckEdit from "./en/spotCheckEdit.json";
import zhCN_admin from "./zh-CN/admin.json";
import zhCN_adminErrors from "./zh-CN/adminErrors.json";
import zhCN_applicationErrors from "./zh-CN/applicationErrors.json";
import zhCN_applications from "./zh-CN/applications.json";
import zhCN_audit from "./zh-CN/audit.json";
import zhCN_calendar from "./zh-CN/calendar.json";
import zhCN_ruleVersions from "./zh-CN/ruleVersions.json";
import zhCN_common from "./zh-CN/common.json";
import zhCN_dashboard from "./zh-CN/dashboard.json";
import zhCN_decisions from "./zh-CN/decisions.json";
import zhCN_documents from "./zh-CN/documents.json";
import zhCN_enums from "./zh-CN/enums.json";
import zhCN_errors from "./zh-CN/errors.json";
import zhCN_events from "./zh-CN/events.json";
import zhCN_evidence from "./zh-CN/evidence.json";
import zhCN_field from "./zh-CN/field.json";
import zhCN_forms from "./zh-CN/forms.json";
import zhCN_grade from "./zh-CN/grade.json";
import zhCN_importForm from "./zh-CN/importForm.json";
import zhCN_inbox from "./zh-CN/inbox.json";
import zhCN_landing from "./zh-CN/landing.json";
import zhCN_login from "./zh-CN/login.json";
import zhCN_managerView from "./zh-CN/managerView.json";
import zhCN_mineRegister from "./zh-CN/mineRegister.json";
import zhCN_notices from "./zh-CN/notices.json";
import zhCN_notifications from "./zh-CN/notifications.json";
import zhCN_operator from "./zh-CN/operator.json";
import zhCN_profile from "./zh-CN/profile.json";
import zhCN_register from "./zh-CN/register.json";
import zhCN_registry from "./zh-CN/registry.json";
import zhCN_spotCheckForm from "./zh-CN/spotCheckForm.json";
import zhCN_offline from "./zh-CN/offline.json";
import zhCN_unavailable from "./zh-CN/unavailable.json";
import zhCN_spotCheckEdit from "./zh-CN/spotCheckEdit.json";

export const en = {
  admin: en_admin,
  adminErrors: en_adminErrors,
  applicationErrors: en_applicationErrors,
  applications: en_applications,
  audit: en_audit,
  calendar: en_calendar,
  ruleVersions: en_ruleVersions,
  common: en_common,
  dashboard: en_dashboard,
  decisions: en_decisions,
  documents: en_documents,
  enums: en_enums,
  errors: en_errors,
  events: en_events,
  evidence: en_evidence,
  field: en_field,
  forms: en_forms,
  grade: en_grade,
  importForm: en_importForm,
  inbox: en_inbox,
  landing: en_landing,
  login: en_login,
  managerView: en_managerView,
  mineRegister: en_mineRegister,
  notices: en_notices,
  notifications: en_notifications,
  operator: en_operator,
  profile: en_profile,
  register: en_register,
  registry: en_registry,
  spotCheckForm: en_spotCheckForm,
  offline: en_offline,
  unavailable: en_unavailable,
  spotCheckEdit: en_spotCheckEdit,
};
export const zhCN = {
  admin: zhCN_admin,
  adminErrors: zhCN_adminErrors,
  applicationErrors: zhCN_applicationErrors,
  applications: zhCN_applications,
  audit: zhCN_audit,
  calendar: zhCN_calendar,
  ruleVersions: zhCN_ruleVersions,
  common: zhCN_common,
  dashboard: zhCN_dashboard,
  decisions: zhCN_decisions,
  documents: zhCN_documents,
  enums: zhCN_enums,
  errors: zhCN_errors,
  events: zhCN_events,
  evidence: zhCN_evidence,
  field: zhCN_field,
  forms: zhCN_forms,
  grade: zhCN_grade,
  importForm: zhCN_importForm,
  inbox: zhCN_inbox,
  landing: zhCN_landing,
  login: zhCN_login,
  managerView: zhCN_managerView,
  mineRegister: zhCN_mineRegister,
  notices: zhCN_notices,
  notifications: zhCN_notifications,
  operator: zhCN_operator,
  profile: zhCN_profile,
  register: zhCN_register,
  registry: zhCN_registry,
  spotCheckForm: zhCN_spotCheckForm,
  offline: zhCN_offline,
  unavailable: zhCN_unavailable,
  spotCheckEdit: zhCN_spotCheckEdit,
};

export const MESSAGES = { en, "zh-CN": zhCN } as const;

// The zh-CN messages, one file per part of the dashboard (generated list; add a part here).
import type { Messages } from "./en";
import common from "./zh-CN/common.json";
import nav from "./zh-CN/nav.json";
import auth from "./zh-CN/auth.json";
import overview from "./zh-CN/overview.json";
import account from "./zh-CN/account.json";
import settings from "./zh-CN/settings.json";
import users from "./zh-CN/users.json";
import audit from "./zh-CN/audit.json";
import customers from "./zh-CN/customers.json";
import calls from "./zh-CN/calls.json";
import integrations from "./zh-CN/integrations.json";
import sobot from "./zh-CN/sobot.json";
import lab from "./zh-CN/lab.json";
import templates from "./zh-CN/templates.json";
import status from "./zh-CN/status.json";

// Typed as the English messages: a key missing here (or left over) fails the type check.
export const zhCN: Messages = {
  common,
  nav,
  auth,
  overview,
  account,
  settings,
  users,
  audit,
  customers,
  calls,
  integrations,
  sobot,
  lab,
  templates,
  status,
};

// The en messages, one file per part of the dashboard (generated list; add a part here).
import common from "./en/common.json";
import nav from "./en/nav.json";
import auth from "./en/auth.json";
import overview from "./en/overview.json";
import account from "./en/account.json";
import settings from "./en/settings.json";
import users from "./en/users.json";
import audit from "./en/audit.json";
import customers from "./en/customers.json";
import calls from "./en/calls.json";
import integrations from "./en/integrations.json";
import sobot from "./en/sobot.json";
import lab from "./en/lab.json";
import templates from "./en/templates.json";
import status from "./en/status.json";

export const en = {
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
export type Messages = typeof en;

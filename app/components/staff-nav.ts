import type { Role } from "../../db/types";

/** Links of the staff area's top bar; `role: "admin"` entries are shown to admins only. Labels: shell:nav.<key>. */
export const STAFF_NAV: { to: string; key: string; role?: Role }[] = [
  { to: "/app", key: "dashboard" },
  { to: "/app/values", key: "values" },
  { to: "/app/questionnaires", key: "questionnaires", role: "admin" },
  { to: "/app/positions", key: "positions" },
  { to: "/app/team", key: "team", role: "admin" },
  { to: "/app/outbox", key: "outbox", role: "admin" },
  { to: "/app/audit", key: "audit", role: "admin" },
  { to: "/app/settings", key: "settings", role: "admin" },
];

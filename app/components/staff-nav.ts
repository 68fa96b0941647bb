import type { Role } from "../../db/types";

/** Links of the staff area's top bar; `role: "admin"` entries are shown to admins only. */
export const STAFF_NAV: { to: string; label: string; role?: Role }[] = [
  { to: "/app", label: "Dashboard" },
  { to: "/app/values", label: "Values" },
  { to: "/app/questionnaires", label: "Questionnaires", role: "admin" },
  { to: "/app/positions", label: "Positions" },
  { to: "/app/team", label: "Team", role: "admin" },
  { to: "/app/outbox", label: "Outbox", role: "admin" },
  { to: "/app/audit", label: "Audit log", role: "admin" },
  { to: "/app/settings", label: "Settings", role: "admin" },
];

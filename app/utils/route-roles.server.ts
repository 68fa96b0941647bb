import type { Role } from "../../db/types";
import type { StaffUser } from "~/models/user.server";
import { readIntent } from "./form-intent.server";
import { assertRole, requireUser } from "./session.server";

/**
 * The role each staff route needs, declared once: `loader` for GET, `action` for POST — one role for the whole action,
 * or one per `intent` field (a key ending in `*` matches intents starting with what precedes it, e.g. "remove:*").
 * `recruiter` means any signed-in staff member; `admin` only administrators. Every app.* route module calls
 * requireRole with its own name, and test/integration/route-guards.test.ts walks every module × role against this.
 */
export type RouteRoles = { loader?: Role; action?: Role | Record<string, Role> };

export const ROUTE_ROLES = {
  app: { loader: "recruiter" },
  "app._index": { loader: "recruiter" },
  "app.audit": { loader: "admin" },
  "app.outbox": { loader: "admin", action: { "mark-sent": "admin" } },
  "app.positions._index": { loader: "recruiter", action: "recruiter" },
  "app.positions.$positionId": { loader: "recruiter" },
  "app.positions.$positionId._index": {
    loader: "recruiter",
    action: {
      update: "recruiter",
      "invite-one": "recruiter",
      "invite-list": "recruiter",
      revoke: "recruiter",
      resend: "recruiter",
    },
  },
  "app.positions.$positionId.benchmark": {
    loader: "recruiter",
    action: { membership: "recruiter", activate: "admin", rescore: "admin" },
  },
  "app.positions.$positionId.candidates.$responseId": { loader: "recruiter", action: "recruiter" },
  "app.positions.$positionId.candidates.$responseId_.erase": { loader: "admin", action: "admin" },
  "app.positions.$positionId.candidates.$responseId_.export[.json]": { loader: "admin" },
  "app.positions.$positionId.compare": { loader: "recruiter" },
  "app.positions.$positionId.fairness": { loader: "recruiter" },
  "app.positions.$positionId.fairness[.csv]": { loader: "recruiter" },
  "app.positions.$positionId.import": { loader: "recruiter", action: "recruiter" },
  "app.positions.$positionId.invitations": {
    loader: "recruiter",
    action: { "copy-link": "recruiter", resend: "recruiter", revoke: "recruiter", remind: "recruiter" },
  },
  "app.positions.$positionId.outcomes": {
    loader: "recruiter",
    action: { "create-metric": "recruiter", "upload-values": "recruiter", "upload-ratings": "recruiter" },
  },
  "app.positions.$positionId.outcomes-template[.csv]": { loader: "recruiter" },
  "app.positions.$positionId.validity": { loader: "recruiter" },
  "app.positions.$positionId.validity[.csv]": { loader: "recruiter" },
  "app.positions.$positionId.results": { loader: "recruiter", action: { "retry-scoring": "recruiter" } },
  "app.positions.$positionId.results[.csv]": { loader: "recruiter" },
  "app.profile": { action: "recruiter" },
  "app.questionnaires._index": { loader: "admin" },
  "app.questionnaires.new": { loader: "admin", action: "admin" },
  "app.questionnaires.$questionnaireId._index": {
    loader: "admin",
    action: {
      save: "admin",
      "remove:*": "admin",
      "reword:*": "admin",
      publish: "admin",
      "add-custom": "admin",
      "edit-custom": "admin",
      "save-probes": "admin",
    },
  },
  "app.questionnaires.$questionnaireId.preview": { loader: "admin" },
  "app.questionnaires.$questionnaireId.versions.$version.yaml": { loader: "admin" },
  "app.settings": { loader: "admin", action: "admin" },
  "app.settings_.api": { loader: "admin", action: { create: "admin", revoke: "admin" } },
  "app.settings_.webhooks": { loader: "admin", action: { create: "admin", disable: "admin", resend: "admin" } },
  "app.team": { loader: "admin", action: "admin" },
  "app.team.$userId": { loader: "admin", action: { disable: "admin" } },
  "app.values._index": {
    loader: "recruiter",
    action: {
      vision: "admin",
      "apply-template": "admin",
      "add-bank": "admin",
      create: "admin",
      "move-up": "admin",
      "move-down": "admin",
      delete: "admin",
    },
  },
  "app.values.$valueId": { loader: "admin", action: { update: "admin", delete: "admin" } },
} as const satisfies Record<string, RouteRoles>;

/** A staff route module's name: its file in app/routes without the extension. */
export type StaffRoute = keyof typeof ROUTE_ROLES;

const RANK: Record<Role, number> = { recruiter: 0, admin: 1 };
const strictest = (roles: Role[]): Role => roles.reduce<Role>((a, b) => (RANK[b] > RANK[a] ? b : a), "recruiter");

/** The role an intent of an action needs; an intent the route does not declare needs the strictest declared one. */
export function intentRole(roles: Record<string, Role>, intent: string): Role {
  if (intent in roles) return roles[intent];
  for (const [pattern, role] of Object.entries(roles)) {
    if (pattern.endsWith("*") && intent.startsWith(pattern.slice(0, -1))) return role;
  }
  return strictest(Object.values(roles));
}

/**
 * The role check of every staff loader (GET/HEAD) and action (other methods): a visitor goes to /login, a user
 * without the declared role gets 403. Reads the form's `intent` only for actions declared per intent, and only after
 * the session check.
 */
export async function requireRole(request: Request, route: StaffRoute): Promise<StaffUser> {
  const roles: RouteRoles = ROUTE_ROLES[route];
  const isLoader = request.method === "GET" || request.method === "HEAD";
  const declared = isLoader ? roles.loader : roles.action;
  if (!declared) throw new Error(`${route}: no ${isLoader ? "loader" : "action"} role in ROUTE_ROLES`);
  const user = await requireUser(request);
  assertRole(user, typeof declared === "string" ? declared : intentRole(declared, await readIntent(request)));
  return user;
}

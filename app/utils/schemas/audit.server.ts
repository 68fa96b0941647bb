import { z } from "zod";

/** `?action=&page=` of the audit log; a hand-edited link falls back to the first page of everything. */
const auditQuerySchema = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9_.-]+$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export function parseAuditQuery(url: URL): AuditQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (value !== "" && !(key in raw)) raw[key] = value;
  return auditQuerySchema.parse({ action: raw.action, page: raw.page });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { outcomesTemplateCsv } from "~/models/outcomes.server";
import { requireRole } from "~/utils/route-roles.server";

/**
 * The outcomes template: the position's agents and hired candidates, one row per metric, values to fill in. Its header
 * (email,name,metric,value) and file name stay English in every language: the values upload parses exactly these
 * machine column names (utils/outcomes-csv.ts), so a filled-in template must come back as it went out.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.outcomes-template[.csv]");
  const { filename, csv } = await outcomesTemplateCsv(user.organizationId, params.positionId ?? "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

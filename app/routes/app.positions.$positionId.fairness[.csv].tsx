import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFairnessCsv } from "~/models/fairness.server";
import { parseFairnessQuery } from "~/utils/schemas/fairness.server";
import { requireRole } from "~/utils/route-roles.server";

/** The adverse-impact report for the chosen cut as an audited CSV download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.fairness[.csv]");
  const { cut } = parseFairnessQuery(new URL(request.url));
  const { filename, csv } = await exportFairnessCsv(user.organizationId, params.positionId ?? "", cut, user);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { validityCsv } from "~/models/validity-export.server";
import { requireRole } from "~/utils/route-roles.server";

/** The validity page's tables as CSV: `?table=contrast` (the default) or `?table=outcomes`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.validity[.csv]");
  const table = new URL(request.url).searchParams.get("table") === "outcomes" ? "outcomes" : "contrast";
  const { filename, csv } = await validityCsv(user.organizationId, params.positionId ?? "", table, user.locale);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportResultsCsv } from "~/models/results-export.server";
import { parseResultsQuery } from "~/utils/schemas/results.server";
import { requireRole } from "~/utils/route-roles.server";

/** The results list (with the page's filters and sort, every page) as an audited CSV download, headed in the reader's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.results[.csv]");
  const query = parseResultsQuery(new URL(request.url));
  const { filename, csv } = await exportResultsCsv(
    user.organizationId,
    params.positionId ?? "",
    query,
    user,
    user.locale,
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCandidateData, recordCandidateExport } from "~/models/privacy.server";
import { requireRole } from "~/utils/route-roles.server";

/** Everything stored about one candidate as a JSON download (admins; audited with ids only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.candidates.$responseId_.export[.json]");
  const positionId = params.positionId ?? "";
  const responseId = params.responseId ?? "";
  const body = await exportCandidateData(user.organizationId, responseId, { positionId });
  await recordCandidateExport(user.organizationId, positionId, responseId, { id: user.id, email: user.email });
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="candidate-${responseId}.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

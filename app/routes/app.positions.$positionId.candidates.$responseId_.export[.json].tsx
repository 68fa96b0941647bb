import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCandidateData, recordCandidateExport } from "~/models/privacy.server";
import { requireUser } from "~/utils/session.server";

/** Everything stored about one candidate as a JSON download (admins; audited with ids only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "admin");
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

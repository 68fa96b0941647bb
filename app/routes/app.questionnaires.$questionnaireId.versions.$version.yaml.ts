import type { LoaderFunctionArgs } from "@remix-run/node";
import { getVersionYaml } from "~/models/questionnaire.server";
import { requireRole } from "~/utils/route-roles.server";

/** Download of a published version in the questions/ format (loads unchanged in the `score` command). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.$questionnaireId.versions.$version.yaml");
  const { fileName, yaml } = await getVersionYaml(
    user.organizationId,
    params.questionnaireId ?? "",
    Number(params.version),
  );
  return new Response(yaml, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { getVersionYaml } from "~/models/questionnaire.server";
import { requireUser } from "~/utils/session.server";

/** Download of a published version in the questions/ format (loads unchanged in the `score` command). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "admin");
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

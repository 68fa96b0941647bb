import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsvInputs, CsvProblems, type CsvProblemView } from "~/components/csv-upload";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { getPosition } from "~/models/position.server";
import { importAgentResponses } from "~/models/response-import.server";
import { keyedProblem } from "~/questionnaire/csv-problem-text";
import { failure } from "~/utils/form.server";
import { readImportCsv } from "~/utils/schemas/import.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.import");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const t = staffT(user.locale, "outcomes");
  return {
    title: `${t("import.title")} · ${position.title} · valuebench`,
    position: { id: position.id, title: position.title, questionnaireLabel: position.questionnaireLabel },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.import");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const t = staffT(user.locale, "outcomes");
  const read = await readImportCsv(request);
  if (!read.ok) return data({ ...failure(t.message(read.message)), problems: [] as CsvProblemView[] }, 400);
  const result = await importAgentResponses(
    user.organizationId,
    position.id,
    read.csv,
    { userId: user.id, label: user.email },
    { problemText: keyedProblem },
  );
  if (!result.ok) {
    return data(
      {
        ...failure(
          result.truncated
            ? t("import.nothingImportedMany")
            : t("import.nothingImported", { count: result.problems.length }),
        ),
        // the problems in the reader's language
        problems: result.problems.map((p) => ({ ...p, message: t.message(p.message) })) as CsvProblemView[],
        truncated: result.truncated,
      },
      400,
    );
  }
  return data({ ok: true as const, imported: result.imported });
}

export default function ImportAnswers() {
  const t = useStaffT("outcomes");
  const { position } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const problems = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <h1>{t("import.heading")}</h1>
      <p>
        <RichText text={t("import.intro", { questionnaire: position.questionnaireLabel })} />
      </p>
      <p className="muted">{t("import.wholeFile")}</p>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          {t("import.imported", { count: actionData.imported })}
        </p>
      ) : null}
      {problems ? <CsvProblems formError={problems.formError} problems={problems.problems} /> : null}
      <Form method="post" encType="multipart/form-data" className="stack narrow" noValidate>
        <CsvInputs prefix="import" rows={8} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("checking") : t("import.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}

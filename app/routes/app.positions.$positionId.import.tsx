import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getPosition } from "~/models/position.server";
import { importAgentResponses } from "~/models/response-import.server";
import { failure } from "~/utils/form.server";
import { readImportCsv } from "~/utils/schemas/positions.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Import answers${data ? ` · ${data.position.title}` : ""} · valuebench` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.import");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  return { position: { id: position.id, title: position.title, questionnaireLabel: position.questionnaireLabel } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.import");
  const position = await getPosition(user.organizationId, params.positionId ?? "");
  const read = await readImportCsv(request);
  if (!read.ok) return data({ ...failure(read.message), problems: [] as ImportProblem[] }, 400);
  const result = await importAgentResponses(user.organizationId, position.id, read.csv, {
    userId: user.id,
    label: user.email,
  });
  if (!result.ok) {
    return data(
      {
        ...failure(
          `Nothing was imported: the file has ${result.truncated ? "many" : result.problems.length} problem${result.problems.length === 1 ? "" : "s"}.`,
        ),
        problems: result.problems as ImportProblem[],
        truncated: result.truncated,
      },
      400,
    );
  }
  return data({ ok: true as const, imported: result.imported });
}

type ImportProblem = { row: number; column: string | null; message: string };

export default function ImportAnswers() {
  const { position } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const problems = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <h1>Import agents’ answers</h1>
      <p>
        For teams that ran the questionnaire on paper: upload or paste a CSV whose header is{" "}
        <code>respondent,&lt;item id&gt;,&lt;item id&gt;,…</code> with the item ids of{" "}
        <strong>{position.questionnaireLabel}</strong>. Likert, rating, attention and virtue cells are whole numbers on
        the item’s scale, scenario cells an option id, and an empty cell a missing answer. Every row becomes a submitted
        agent response named by its respondent column. An optional <code>group</code> column says who is a top agent (
        <code>top</code> or empty: they form the benchmark) and who a comparison agent (<code>comparison</code>: an
        ordinary member of the team, compared with the top agents on the validity page).
      </p>
      <p className="muted">The whole file is checked first. If any cell is wrong, nothing is imported.</p>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          Imported {actionData.imported} agent {actionData.imported === 1 ? "response" : "responses"}. They now count
          towards the benchmark.
        </p>
      ) : null}
      {problems ? (
        <div className="alert error" role="alert">
          <p>{problems.formError}</p>
          {problems.problems.length ? (
            <ul className="problems">
              {problems.problems.map((p, i) => (
                <li key={i}>
                  Row {p.row}
                  {p.column ? `, column “${p.column}”` : ""}: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack narrow" noValidate>
        <div>
          <label htmlFor="file">CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div>
          <label htmlFor="csv">…or paste the CSV</label>
          <textarea id="csv" name="csv" rows={8} spellCheck={false} />
        </div>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Checking…" : "Check and import"}
          </button>
        </div>
      </Form>
    </>
  );
}

import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, TextareaField } from "~/components/field";
import { createPosition, listPositions, UnknownVersionError } from "~/models/position.server";
import { listPublishedVersions } from "~/models/questionnaire.server";
import positionsCss from "~/styles/positions.css?url";
import { failure, parseForm } from "~/utils/form.server";
import { positionSchema } from "~/utils/schemas/positions.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: positionsCss }];

export const meta: MetaFunction = () => [{ title: "Positions · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions._index");
  const [positions, versions] = await Promise.all([
    listPositions(user.organizationId),
    listPublishedVersions(user.organizationId),
  ]);
  return {
    positions,
    versions: versions.map((v) => ({ id: v.id, label: `${v.questionnaireTitle} v${v.version}` })),
    isAdmin: user.role === "admin",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions._index");
  const parsed = await parseForm(request, positionSchema);
  if (!parsed.ok) return data(parsed, 400);
  try {
    const id = await createPosition(user.organizationId, parsed.data, { userId: user.id, label: user.email });
    return redirect(`/app/positions/${id}`);
  } catch (error) {
    if (error instanceof UnknownVersionError) {
      return data(failure(null, { questionnaireVersionId: [error.message] }, parsed.data), 400);
    }
    throw error;
  }
}

export default function Positions() {
  const { positions, versions, isAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const problems = actionData && !actionData.ok ? actionData : null;
  const values = problems?.values ?? {};
  return (
    <>
      <h1>Positions</h1>
      {positions.length === 0 ? (
        <p className="muted">
          No positions yet. A position is a role you hire for: it uses one published questionnaire, its top agents set
          the benchmark, and its candidates are compared with it.
        </p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Positions</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Questionnaire</th>
                <th scope="col">Agents invited</th>
                <th scope="col">Candidates invited</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/app/positions/${p.id}`}>{p.title}</Link>
                  </td>
                  <td>
                    <span className={`badge status-${p.status}`}>{p.status}</span>
                  </td>
                  <td>{p.questionnaire}</td>
                  <td>{p.agentInvitations}</td>
                  <td>{p.candidateInvitations}</td>
                  <td>{p.submitted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>New position</h2>
      {versions.length === 0 ? (
        <p className="alert warning">
          A position needs a published questionnaire.{" "}
          {isAdmin ? (
            <Link to="/app/questionnaires">Build and publish one first.</Link>
          ) : (
            "Ask an admin to build and publish one first."
          )}
        </p>
      ) : (
        <Form method="post" className="stack narrow" noValidate>
          {problems?.formError ? (
            <p className="alert error" role="alert">
              {problems.formError}
            </p>
          ) : null}
          <Field
            label="Title"
            errors={problems?.fieldErrors.title}
            inputProps={{
              name: "title",
              type: "text",
              required: true,
              maxLength: 200,
              defaultValue: String(values.title ?? ""),
            }}
          />
          <TextareaField
            label="Description"
            hint="Optional. Agents and candidates see it on their invitation page."
            errors={problems?.fieldErrors.description}
            textareaProps={{ name: "description", rows: 3, defaultValue: String(values.description ?? "") }}
          />
          <div>
            <label htmlFor="questionnaireVersionId">Questionnaire version</label>
            <select
              id="questionnaireVersionId"
              name="questionnaireVersionId"
              defaultValue={String(values.questionnaireVersionId ?? versions[0]?.id ?? "")}
              aria-invalid={problems?.fieldErrors.questionnaireVersionId ? true : undefined}
              aria-describedby="questionnaireVersionId-hint"
            >
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
            <div id="questionnaireVersionId-hint" className="muted">
              It can be changed until the first person answers; after that it is fixed.
            </div>
            {problems?.fieldErrors.questionnaireVersionId ? (
              <p className="error-list">{problems.fieldErrors.questionnaireVersionId.join(" ")}</p>
            ) : null}
          </div>
          <input type="hidden" name="status" value="open" />
          <div>
            <button type="submit" disabled={busy}>
              {busy ? "Creating…" : "Create position"}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}

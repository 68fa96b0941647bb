import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { eraseCandidate, exportCandidateData } from "~/models/privacy.server";
import trustCss from "~/styles/trust.css?url";
import { parseForm } from "~/utils/form.server";
import { eraseSchema } from "~/utils/schemas/privacy.server";
import { requireCandidate } from "~/models/decision.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trustCss }];

export const meta: MetaFunction = () => [{ title: "Erase candidate data · valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.candidates.$responseId_.erase");
  const positionId = params.positionId ?? "";
  const responseId = params.responseId ?? "";
  const stored = await exportCandidateData(user.organizationId, responseId, { positionId });
  return data(
    {
      positionId,
      responseId,
      name: stored.response.name,
      positionTitle: stored.position.title,
      counts: {
        scores: stored.scores.length,
        decisions: stored.decisions.length,
        demographics: stored.demographics !== null,
        invitation: stored.invitation !== null,
      },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.candidates.$responseId_.erase");
  const positionId = params.positionId ?? "";
  const responseId = params.responseId ?? "";
  await requireCandidate(user.organizationId, positionId, responseId); // 404 before reading the form
  const parsed = await parseForm(request, eraseSchema);
  if (!parsed.ok) return data(parsed, 400);
  await eraseCandidate(user.organizationId, responseId, { id: user.id, email: user.email }, { positionId });
  return redirect(`/app/positions/${positionId}/results`);
}

export default function EraseCandidate() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failure = actionData && !actionData.ok ? actionData : null;
  const base = `/app/positions/${page.positionId}/candidates/${page.responseId}`;
  return (
    <div className="stack narrow">
      <p>
        <Link to={base}>← Fit report</Link>
      </p>
      <h1>Erase {page.name}’s data</h1>
      <p>
        This permanently deletes everything stored about this candidate for “{page.positionTitle}”: their answers and
        timings, {page.counts.scores} score record(s), {page.counts.decisions} decision(s)
        {page.counts.demographics ? ", their voluntary demographic answers" : ""}
        {page.counts.invitation ? ", their invitation and its e-mail copy" : ""} and any open answering session. It
        cannot be undone. The audit log keeps a record that an erasure happened, with ids only, and earlier audit
        entries about them lose names and notes.
      </p>
      <p>
        If they asked for a copy of their data, <a href={`${base}/export.json`}>download it first</a>.
      </p>
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {failure.formError}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <Field
          label="Type ERASE to confirm"
          errors={failure?.fieldErrors.confirm}
          inputProps={{ name: "confirm", required: true, autoComplete: "off" }}
        />
        <div>
          <button type="submit" className="danger" disabled={busy}>
            {busy ? "Erasing…" : "Erase permanently"}
          </button>
        </div>
      </Form>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  AGE_BAND_OPTIONS,
  ETHNICITY_OPTIONS,
  GENDER_OPTIONS,
  hasDemographics,
  saveDemographics,
} from "~/models/demographics.server";
import { requireRespondent } from "~/models/response.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { demographicsSchema } from "~/utils/schemas/positions.server";

export const meta: MetaFunction = () => [{ title: "Thank you" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const respondent = await requireRespondent(request);
  if (!respondent.submittedAt) throw redirect("/r", { headers: PRIVATE_HEADERS });
  const isCandidate = respondent.kind === "candidate";
  return data(
    {
      kind: respondent.kind,
      name: respondent.label,
      organizationName: respondent.organizationName,
      positionTitle: respondent.positionTitle,
      values: respondent.shape.q.values.map((v) => ({ id: v.id, name: v.name, description: v.description ?? "" })),
      demographicsGiven: isCandidate ? await hasDemographics(respondent.organizationId, respondent.responseId) : false,
      options: isCandidate ? { gender: GENDER_OPTIONS, ageBand: AGE_BAND_OPTIONS, ethnicity: ETHNICITY_OPTIONS } : null,
    },
    { headers: PRIVATE_HEADERS },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const respondent = await requireRespondent(request);
  if (!respondent.submittedAt || respondent.kind !== "candidate") {
    throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  }
  const parsed = await parseForm(request, demographicsSchema);
  if (!parsed.ok) return data(parsed, { status: 400, headers: PRIVATE_HEADERS });
  await saveDemographics(respondent.organizationId, respondent.responseId, parsed.data);
  return data({ ok: true as const }, { headers: PRIVATE_HEADERS });
}

type Option = { readonly value: string; readonly label: string };

function ChoiceGroup({
  name,
  legend,
  options,
  error,
}: {
  name: string;
  legend: string;
  options: readonly Option[];
  error?: string[];
}) {
  return (
    <fieldset aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <div className="choices">
        {options.map((o) => (
          <label key={o.value}>
            <input type="radio" name={name} value={o.value} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error ? <p className="error-list">{error.join(" ")}</p> : null}
    </fieldset>
  );
}

export default function Done() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  if (view.kind === "agent") {
    return (
      <>
        <h1>Thank you, {view.name}!</h1>
        <p>
          Your answers are submitted. Together with those of your colleagues they describe what great service looks like
          at {view.organizationName}, and help find people who share it.
        </p>
        <p className="muted">You can close this page now.</p>
      </>
    );
  }
  const saved = actionData?.ok === true;
  const problems = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <h1>Thank you, {view.name}!</h1>
      <p>Your answers for the {view.positionTitle} position are submitted.</p>
      <h2>What the questionnaire looked at</h2>
      <ul>
        {view.values.map((v) => (
          <li key={v.id}>
            <strong>{v.name}</strong>
            {v.description ? ` — ${v.description}` : ""}
          </li>
        ))}
      </ul>
      <h2>What happens next</h2>
      <p>
        The recruiting team of {view.organizationName} reads your answers next to the rest of your application and uses
        them to prepare questions for a possible interview. They will contact you about the next step. The questionnaire
        is never the only basis of a decision.
      </p>

      <section aria-labelledby="self-id" className="card voluntary">
        <h2 id="self-id">Optional: about you</h2>
        {saved ? (
          <p className="alert success" role="status">
            Thank you. Your answers are saved. You can close this page now.
          </p>
        ) : (
          <>
            <p>
              <strong>This part is voluntary.</strong> Skip any question, or all of them: it changes nothing for your
              application. The answers are stored apart from your questionnaire, are never used to score you, and are
              only counted in groups to check that our process treats everyone fairly.
            </p>
            {view.demographicsGiven ? (
              <p className="muted">You already answered this part; sending it again replaces your earlier answers.</p>
            ) : null}
            {problems?.formError ? (
              <p className="alert error" role="alert">
                {problems.formError}
              </p>
            ) : null}
            <Form method="post" className="stack" noValidate>
              <ChoiceGroup
                name="gender"
                legend="Gender"
                options={view.options!.gender}
                error={problems?.fieldErrors.gender}
              />
              <ChoiceGroup
                name="ageBand"
                legend="Age"
                options={view.options!.ageBand}
                error={problems?.fieldErrors.ageBand}
              />
              <ChoiceGroup
                name="ethnicity"
                legend="Ethnicity"
                options={view.options!.ethnicity}
                error={problems?.fieldErrors.ethnicity}
              />
              <div>
                <button type="submit" className="big" disabled={busy}>
                  Send these answers
                </button>
              </div>
            </Form>
            <p className="muted">Not answering? Simply close this page.</p>
          </>
        )}
      </section>
    </>
  );
}

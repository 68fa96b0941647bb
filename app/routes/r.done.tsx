import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RichText, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/catalogs.server";
import { localizeValue } from "~/questionnaire/translations";
import {
  AGE_BAND_OPTIONS,
  ETHNICITY_OPTIONS,
  GENDER_OPTIONS,
  hasDemographics,
  saveDemographics,
} from "~/models/demographics.server";
import { candidateScoreFeedback } from "~/models/candidate-feedback.server";
import { requireRespondent } from "~/models/response.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { demographicsSchema } from "~/utils/schemas/positions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Thank you" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const respondent = await requireRespondent(request);
  if (!respondent.submittedAt) throw redirect("/r", { headers: PRIVATE_HEADERS });
  const isCandidate = respondent.kind === "candidate";
  return data(
    {
      title: serverT(respondent.locale)("done.metaTitle"),
      kind: respondent.kind,
      name: respondent.label,
      organizationName: respondent.organizationName,
      positionTitle: respondent.positionTitle,
      values: respondent.shape.q.values.map((v) => ({ id: v.id, ...localizeValue(v, respondent.translation) })),
      scoreFeedback: await candidateScoreFeedback(respondent),
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
  const t = useT();
  if (view.kind === "agent") {
    return (
      <>
        <h1>{t("done.thanks", { name: view.name })}</h1>
        <p>{t("done.agentText", { organization: view.organizationName })}</p>
        <p className="muted">{t("done.closePage")}</p>
      </>
    );
  }
  // Option labels and validation messages come from the catalog (the values stay the stored codes).
  const labelled = (group: "genderOptions" | "ageBandOptions" | "ethnicityOptions", options: readonly Option[]) =>
    options.map((o) => ({ value: o.value, label: t(`selfId.${group}.${o.value}`) }));
  const invalid = (errors: string[] | undefined) => (errors?.length ? [t("selfId.invalidChoice")] : undefined);
  const saved = actionData?.ok === true;
  const problems = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <h1>{t("done.thanks", { name: view.name })}</h1>
      <p>{t("done.submitted", { position: view.positionTitle })}</p>
      <h2>{t("done.valuesHeading")}</h2>
      <ul>
        {view.values.map((v) => (
          <li key={v.id}>
            <strong>{v.name}</strong>
            {v.description ? ` — ${v.description}` : ""}
          </li>
        ))}
      </ul>
      {view.scoreFeedback ? (
        <section aria-labelledby="score-feedback" className="score-feedback">
          <h2 id="score-feedback">{view.scoreFeedback.heading}</h2>
          <p>{view.scoreFeedback.intro}</p>
          <ul>
            {view.scoreFeedback.values.map((v) => (
              <li key={v.id}>{v.sentence}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t("done.nextHeading")}</h2>
      <p>{t("done.next", { organization: view.organizationName })}</p>

      <section aria-labelledby="self-id" className="card voluntary">
        <h2 id="self-id">{t("selfId.heading")}</h2>
        {saved ? (
          <p className="alert success" role="status">
            {t("selfId.saved")}
          </p>
        ) : (
          <>
            <p>
              <RichText text={t("selfId.voluntary")} />
            </p>
            {view.demographicsGiven ? <p className="muted">{t("selfId.already")}</p> : null}
            {problems?.formError ? (
              <p className="alert error" role="alert">
                {t("selfId.unreadable")}
              </p>
            ) : null}
            <Form method="post" className="stack" noValidate>
              <ChoiceGroup
                name="gender"
                legend={t("selfId.gender")}
                options={labelled("genderOptions", view.options!.gender)}
                error={invalid(problems?.fieldErrors.gender)}
              />
              <ChoiceGroup
                name="ageBand"
                legend={t("selfId.age")}
                options={labelled("ageBandOptions", view.options!.ageBand)}
                error={invalid(problems?.fieldErrors.ageBand)}
              />
              <ChoiceGroup
                name="ethnicity"
                legend={t("selfId.ethnicity")}
                options={labelled("ethnicityOptions", view.options!.ethnicity)}
                error={invalid(problems?.fieldErrors.ethnicity)}
              />
              <div>
                <button type="submit" className="big" disabled={busy}>
                  {t("selfId.send")}
                </button>
              </div>
            </Form>
            <p className="muted">{t("selfId.skip")}</p>
          </>
        )}
      </section>
    </>
  );
}

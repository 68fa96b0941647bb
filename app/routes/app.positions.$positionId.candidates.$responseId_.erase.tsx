import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { eraseCandidate, exportCandidateData } from "~/models/privacy.server";
import trustCss from "~/styles/trust.css?url";
import { parseForm } from "~/utils/form.server";
import { ERASE_WORD, eraseSchema } from "~/utils/schemas/privacy.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { requireCandidate } from "~/models/decision.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trustCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

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
      title: staffT(user.locale, "report")("erase.title"),
      word: ERASE_WORD,
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
  const parsed = await parseForm(request, eraseSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  await eraseCandidate(user.organizationId, responseId, { id: user.id, email: user.email }, { positionId });
  return redirect(`/app/positions/${positionId}/results`);
}

export default function EraseCandidate() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useStaffT("report");
  const failure = actionData && !actionData.ok ? actionData : null;
  const base = `/app/positions/${page.positionId}/candidates/${page.responseId}`;
  return (
    <div className="stack narrow">
      <p>
        <Link to={base}>{t("erase.back")}</Link>
      </p>
      <h1>{t("erase.heading", { name: page.name })}</h1>
      <p>
        {t("erase.body", {
          position: page.positionTitle,
          items: [
            t("erase.answers"),
            t("erase.scores", { count: page.counts.scores }),
            t("erase.decisions", { count: page.counts.decisions }),
            page.counts.demographics ? t("erase.demographics") : null,
            page.counts.invitation ? t("erase.invitation") : null,
            t("erase.session"),
          ]
            .filter(Boolean)
            .join(", "),
        })}
      </p>
      <p>
        {t("erase.copyBefore")} <a href={`${base}/export.json`}>{t("erase.copyLink")}</a>
        {t("erase.copyAfter")}
      </p>
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {t.message(failure.formError)}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <Field
          label={t("erase.confirmLabel", { word: page.word })}
          errors={failure?.fieldErrors.confirm}
          inputProps={{ name: "confirm", required: true, autoComplete: "off" }}
        />
        <div>
          <button type="submit" className="danger" disabled={busy}>
            {busy ? t("erase.erasing") : t("erase.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, TextareaField } from "~/components/field";
import { createPosition, listPositions, UnknownVersionError } from "~/models/position.server";
import { listPublishedVersions } from "~/models/questionnaire.server";
import positionsCss from "~/styles/positions.css?url";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { failure, parseForm, translated } from "~/utils/form.server";
import { positionSchema } from "~/utils/schemas/positions.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: positionsCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions._index");
  const [positions, versions] = await Promise.all([
    listPositions(user.organizationId),
    listPublishedVersions(user.organizationId),
  ]);
  return {
    title: `${staffT(user.locale, "positions")("list.title")} · valuebench`,
    positions,
    versions: versions.map((v) => ({ id: v.id, label: `${v.questionnaireTitle} v${v.version}` })),
    isAdmin: user.role === "admin",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions._index");
  const parsed = await parseForm(request, positionSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  try {
    const id = await createPosition(user.organizationId, parsed.data, { userId: user.id, label: user.email });
    return redirect(`/app/positions/${id}`);
  } catch (error) {
    if (error instanceof UnknownVersionError) {
      return data(
        failure(null, { questionnaireVersionId: [translated(error.message, user.locale)] }, parsed.data),
        400,
      );
    }
    throw error;
  }
}

export default function Positions() {
  const { positions, versions, isAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useStaffT("positions");
  const problems = actionData && !actionData.ok ? actionData : null;
  const values = problems?.values ?? {};
  return (
    <>
      <h1>{t("list.title")}</h1>
      {positions.length === 0 ? (
        <p className="muted">{t("list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">{t("list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.title")}</th>
                <th scope="col">{t("common:status")}</th>
                <th scope="col">{t("list.questionnaire")}</th>
                <th scope="col">{t("list.agentsInvited")}</th>
                <th scope="col">{t("list.candidatesInvited")}</th>
                <th scope="col">{t("list.submitted")}</th>
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/app/positions/${p.id}`}>{p.title}</Link>
                  </td>
                  <td>
                    <span className={`badge status-${p.status}`}>{t(`status.${p.status}`)}</span>
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

      <h2>{t("list.newHeading")}</h2>
      {versions.length === 0 ? (
        <p className="alert warning">
          {t("list.needsQuestionnaire")}{" "}
          {isAdmin ? <Link to="/app/questionnaires">{t("list.buildFirst")}</Link> : t("list.askAdmin")}
        </p>
      ) : (
        <Form method="post" className="stack narrow" noValidate>
          {problems?.formError ? (
            <p className="alert error" role="alert">
              {problems.formError}
            </p>
          ) : null}
          <Field
            label={t("fields.title")}
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
            label={t("fields.description")}
            hint={t("list.descriptionHint")}
            errors={problems?.fieldErrors.description}
            textareaProps={{ name: "description", rows: 3, defaultValue: String(values.description ?? "") }}
          />
          <div>
            <label htmlFor="questionnaireVersionId">{t("list.version")}</label>
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
              {t("list.versionHint")}
            </div>
            {problems?.fieldErrors.questionnaireVersionId ? (
              <p className="error-list">{problems.fieldErrors.questionnaireVersionId.join(" ")}</p>
            ) : null}
          </div>
          <input type="hidden" name="status" value="open" />
          <div>
            <button type="submit" disabled={busy}>
              {busy ? t("list.creating") : t("list.create")}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}

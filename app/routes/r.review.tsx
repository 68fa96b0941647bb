import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/catalogs.server";
import { localizeItem } from "~/questionnaire/translations";
import { requireRespondent, submitResponse, unansweredByPage } from "~/models/response.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { submitSchema } from "~/utils/schemas/positions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Questionnaire" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const respondent = await requireRespondent(request);
  if (respondent.submittedAt) throw redirect("/r/done", { headers: PRIVATE_HEADERS });
  const unanswered = unansweredByPage(respondent.shape, respondent.answers);
  const total = respondent.shape.pages.reduce((n, ids) => n + ids.length, 0);
  const tr = respondent.translation;
  return data(
    {
      title: serverT(respondent.locale)("review.metaTitle"),
      revision: respondent.revision,
      pageCount: respondent.shape.pages.length,
      total,
      unanswered: unanswered.map((p) => ({
        page: p.page + 1,
        items: p.items.map((i) => ({
          id: i.id,
          text: localizeItem(respondent.shape.questions.get(i.id)!.item, tr).text,
        })),
      })),
    },
    { headers: PRIVATE_HEADERS },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const respondent = await requireRespondent(request);
  const parsed = await parseForm(request, submitSchema);
  const t = serverT(respondent.locale);
  if (!parsed.ok) return data({ ok: false as const, message: t("review.unreadable") }, 400);
  const result = await submitResponse(respondent.responseId, parsed.data.baseRevision);
  if (!result.ok) {
    return data(
      {
        ok: false as const,
        message: t(result.reason === "submitted" ? "page.alreadySubmitted" : "page.conflict"),
      },
      { status: 409, headers: PRIVATE_HEADERS },
    );
  }
  throw redirect("/r/done", { headers: PRIVATE_HEADERS });
}

export default function Review() {
  const { revision, pageCount, total, unanswered } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const missing = unanswered.reduce((n, p) => n + p.items.length, 0);
  return (
    <>
      <div className="progress-block">
        <label htmlFor="progress">{t("review.progressLabel")}</label>
        <progress id="progress" value={pageCount} max={pageCount}>
          {t("review.allPagesSeen")}
        </progress>
      </div>
      <h1>{t("review.heading")}</h1>
      {actionData && !actionData.ok ? (
        <div className="alert error" role="alert">
          <p>{actionData.message}</p>
          <p>
            <a href="/r/review">{t("review.reload")}</a>
          </p>
        </div>
      ) : null}
      {missing === 0 ? (
        <p className="alert success">{t("review.allAnswered", { total })}</p>
      ) : (
        <>
          <p className="alert warning">{t("review.missing", { missing, total })}</p>
          <ul className="unanswered">
            {unanswered.map((p) => (
              <li key={p.page}>
                <Link to={`/r/${p.page}`}>{t("review.pageLink", { page: p.page })}</Link>
                <ul>
                  {p.items.map((i) => (
                    <li key={i.id}>{i.text}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>{t("review.finalNote")}</p>
      <div className="page-buttons">
        <Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name="baseRevision" value={revision} />
          <button type="submit" className="big" disabled={busy}>
            {t("review.submit")}
          </button>
        </Form>
        <Link className="button secondary big" to={`/r/${pageCount}`}>
          {t("review.backToLast")}
        </Link>
      </div>
    </>
  );
}

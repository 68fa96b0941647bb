import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRespondent, submitResponse, unansweredByPage } from "~/models/response.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { submitSchema } from "~/utils/schemas/positions.server";

export const meta: MetaFunction = () => [
  { title: "Review · Questionnaire" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const respondent = await requireRespondent(request);
  if (respondent.submittedAt) throw redirect("/r/done", { headers: PRIVATE_HEADERS });
  const unanswered = unansweredByPage(respondent.shape, respondent.answers);
  const total = respondent.shape.pages.reduce((n, ids) => n + ids.length, 0);
  return data(
    {
      revision: respondent.revision,
      pageCount: respondent.shape.pages.length,
      total,
      unanswered: unanswered.map((p) => ({ page: p.page + 1, items: p.items })),
    },
    { headers: PRIVATE_HEADERS },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const respondent = await requireRespondent(request);
  const parsed = await parseForm(request, submitSchema);
  if (!parsed.ok) return data({ ok: false as const, message: parsed.formError ?? "The form could not be read." }, 400);
  const result = await submitResponse(respondent.responseId, parsed.data.baseRevision);
  if (!result.ok) {
    return data(
      {
        ok: false as const,
        message:
          result.reason === "submitted"
            ? "These answers have already been submitted and can no longer be changed."
            : "This questionnaire was changed in another tab or device — reload to continue.",
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
  const missing = unanswered.reduce((n, p) => n + p.items.length, 0);
  return (
    <>
      <div className="progress-block">
        <label htmlFor="progress">Review</label>
        <progress id="progress" value={pageCount} max={pageCount}>
          All pages seen
        </progress>
      </div>
      <h1>Review your answers</h1>
      {actionData && !actionData.ok ? (
        <div className="alert error" role="alert">
          <p>{actionData.message}</p>
          <p>
            <a href="/r/review">Reload</a>
          </p>
        </div>
      ) : null}
      {missing === 0 ? (
        <p className="alert success">You answered all {total} questions.</p>
      ) : (
        <>
          <p className="alert warning">
            {missing} of {total} questions {missing === 1 ? "is" : "are"} still unanswered. You can go back and answer
            {missing === 1 ? " it" : " them"}, or submit as it is: unanswered questions simply count as missing.
          </p>
          <ul className="unanswered">
            {unanswered.map((p) => (
              <li key={p.page}>
                <Link to={`/r/${p.page}`}>Page {p.page}</Link>
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
      <p>Once you submit, your answers can no longer be changed.</p>
      <div className="page-buttons">
        <Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name="baseRevision" value={revision} />
          <button type="submit" className="big" disabled={busy}>
            Submit my answers
          </button>
        </Form>
        <Link className="button secondary big" to={`/r/${pageCount}`}>
          Back to the last page
        </Link>
      </div>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useRef } from "react";
import { useAnswerAutosave } from "~/components/use-answer-autosave";
import { useT } from "~/i18n/i18n";
import { QuestionItem } from "~/components/question-item";
import { serverT } from "~/i18n/catalogs.server";
import { localizeItem } from "~/questionnaire/translations";
import { InvalidAnswerError, requireRespondent, saveAnswers, type Respondent } from "~/models/response.server";
import { recordFirstPageView } from "~/models/page-views.server";
import { autosaveOutcome } from "~/utils/autosave-endpoint.server";
import { readIntent } from "~/utils/form-intent.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { autosaveSchema, pageFormSchema } from "~/utils/schemas/positions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? data.title : "Questionnaire" },
  { name: "referrer", content: "no-referrer" },
];

const ANSWER_PREFIX = "a:";
/** Messages of the action come from the respondent's catalog (the i18n layer), looked up only when needed. */
function messageFor(respondent: Respondent, key: string): string {
  return serverT(respondent.locale)(key);
}

function pageIndex(respondent: Respondent, param: string | undefined): number {
  const n = Number(param);
  if (!/^\d+$/.test(param ?? "") || n < 1 || n > respondent.shape.pages.length) {
    throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  }
  return n - 1;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // shared with the layout's loader (r.tsx) through the load context: one lookup per page view
  const respondent = await requireRespondent(request, context);
  if (respondent.submittedAt) throw redirect("/r/done", { headers: PRIVATE_HEADERS });
  const index = pageIndex(respondent, params.page);
  const ids = respondent.shape.pages[index];
  // The page's time is counted from the server's first view of it (issue 15, item 7): see page-views.server.ts.
  await recordFirstPageView(respondent.organizationId, respondent.responseId, index);
  return data(
    {
      page: index + 1,
      pageCount: respondent.shape.pages.length,
      title: serverT(respondent.locale)("page.metaTitle", { page: index + 1, pages: respondent.shape.pages.length }),
      revision: respondent.revision,
      questions: ids.map((id) => ({
        id,
        item: localizeItem(respondent.shape.questions.get(id)!.item, respondent.translation),
        value: respondent.answers[id] ?? null,
      })),
    },
    { headers: PRIVATE_HEADERS },
  );
}

/** Autosaves don't need the page reloaded: the fetcher gets the new revision back. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

function conflictData(
  respondent: Respondent,
  reason: "stale" | "submitted",
  revision: number,
  values: Record<string, string> = {},
) {
  return data(
    {
      ok: false as const,
      conflict: reason,
      message: messageFor(respondent, reason === "stale" ? "page.conflict" : "page.alreadySubmitted"),
      revision,
      values,
    },
    { status: 409, headers: PRIVATE_HEADERS },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const respondent = await requireRespondent(request);
  const index = pageIndex(respondent, params.page);
  const intent = await readIntent(request);

  // The page's hook posts to /r/autosave (r.autosave.ts); an autosave posted here gets the same answer.
  if (intent === "autosave") {
    const parsed = await parseForm(request, autosaveSchema);
    const outcome = await autosaveOutcome(respondent, parsed.ok ? parsed.data : null);
    return data(outcome.body, { status: outcome.status, headers: outcome.headers });
  }

  // The whole page as a plain form (this is also how the page works without JavaScript).
  const parsed = await parseForm(request, pageFormSchema);
  if (!parsed.ok) return data({ ok: false as const, message: messageFor(respondent, "page.unreadable") }, 400);
  const { intent: move, baseRevision, renderedAt: _ignoredClientClock, ...fields } = parsed.data;
  const onPage = new Set(respondent.shape.pages[index]);
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const itemId = name.startsWith(ANSWER_PREFIX) ? name.slice(ANSWER_PREFIX.length) : "";
    if (!onPage.has(itemId))
      return data({ ok: false as const, message: messageFor(respondent, "page.unreadable") }, 400);
    answers[itemId] = String(value);
  }
  try {
    const result = await saveAnswers(respondent.responseId, baseRevision, answers, index);
    if (!result.ok) return conflictData(respondent, result.reason, result.revision, answers);
  } catch (error) {
    if (error instanceof InvalidAnswerError)
      return data({ ok: false as const, message: messageFor(respondent, "page.invalidAnswer") }, 400);
    throw error;
  }
  const last = respondent.shape.pages.length;
  const target =
    move === "back"
      ? `/r/${Math.max(1, index)}`
      : move === "review" || index + 1 >= last
        ? "/r/review"
        : `/r/${index + 2}`;
  throw redirect(target, { headers: PRIVATE_HEADERS });
}

export default function QuestionPage() {
  const { page, pageCount, revision: loadedRevision, questions } = useLoaderData<typeof loader>();
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);

  const { revision, saveState, onChange, onSubmit } = useAnswerAutosave({
    page,
    loadedRevision,
    formRef,
    answerPrefix: ANSWER_PREFIX,
  });

  const conflict = saveState === "conflict" || (actionData && !actionData.ok && "conflict" in actionData);
  const conflictMessage =
    actionData && !actionData.ok && "conflict" in actionData ? actionData.message : t("page.conflict");
  const problem = actionData && !actionData.ok && !("conflict" in actionData) ? actionData.message : null;
  const postedValues: Record<string, string> | null =
    actionData && !actionData.ok && "values" in actionData ? (actionData.values as Record<string, string>) : null;
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";

  return (
    <>
      <div className="progress-block">
        <label htmlFor="progress">{t("page.progress", { page, pages: pageCount })}</label>
        <progress id="progress" value={page} max={pageCount}>
          {t("page.progress", { page, pages: pageCount })}
        </progress>
      </div>
      {page === 1 ? <p className="muted">{t("page.instructions")}</p> : null}
      {conflict ? (
        <div className="alert error" role="alert">
          <p>{conflictMessage}</p>
          <p>
            <a href={`/r/${page}`}>{t("page.reloadPage")}</a>
          </p>
        </div>
      ) : null}
      {problem ? (
        <p className="alert error" role="alert">
          {problem}
        </p>
      ) : null}
      <Form method="post" ref={formRef} onChange={onChange} onSubmit={onSubmit} className="stack" key={page}>
        <input type="hidden" name="baseRevision" value={revision} />
        {questions.map((q) => (
          <QuestionItem
            key={q.id}
            item={q.item}
            name={`${ANSWER_PREFIX}${q.id}`}
            value={postedValues && q.id in postedValues ? postedValues[q.id] : q.value}
          />
        ))}
        <p className="save-status muted" role="status" aria-live="polite">
          {saveState === "saving" ? t("page.saving") : saveState === "saved" ? t("page.saved") : null}
          {saveState === "retrying" ? t("page.savingRetrying") : null}
          {saveState === "error" ? t("page.saveFailed") : null}
        </p>
        <div className="page-buttons forward-first">
          {/* "Next" comes first in the document so that pressing Enter moves forward; CSS shows it on the right. */}
          {page < pageCount ? (
            <button type="submit" name="intent" value="next" className="big" disabled={busy}>
              {t("page.next")}
            </button>
          ) : (
            <button type="submit" name="intent" value="review" className="big" disabled={busy}>
              {t("page.review")}
            </button>
          )}
          {page > 1 ? (
            <button type="submit" name="intent" value="back" className="secondary big" disabled={busy}>
              {t("page.back")}
            </button>
          ) : null}
        </div>
      </Form>
    </>
  );
}

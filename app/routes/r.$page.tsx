import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  useActionData,
  useFetcher,
  useLoaderData,
  useNavigation,
  useSubmit,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { QuestionItem } from "~/components/question-item";
import { InvalidAnswerError, requireRespondent, saveAnswers, type Respondent } from "~/models/response.server";
import { readIntent } from "~/utils/form-intent.server";
import { parseForm } from "~/utils/form.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { autosaveSchema, pageFormSchema } from "~/utils/schemas/positions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Page ${data.page} of ${data.pageCount} · Questionnaire` : "Questionnaire" },
  { name: "referrer", content: "no-referrer" },
];

const ANSWER_PREFIX = "a:";
const CONFLICT_MESSAGE = "This questionnaire was changed in another tab or device — reload to continue.";
const SUBMITTED_MESSAGE = "These answers have already been submitted and can no longer be changed.";

function pageIndex(respondent: Respondent, param: string | undefined): number {
  const n = Number(param);
  if (!/^\d+$/.test(param ?? "") || n < 1 || n > respondent.shape.pages.length) {
    throw new Response("Not found", { status: 404, headers: PRIVATE_HEADERS });
  }
  return n - 1;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const respondent = await requireRespondent(request);
  if (respondent.submittedAt) throw redirect("/r/done", { headers: PRIVATE_HEADERS });
  const index = pageIndex(respondent, params.page);
  const ids = respondent.shape.pages[index];
  return data(
    {
      page: index + 1,
      pageCount: respondent.shape.pages.length,
      revision: respondent.revision,
      renderedAt: Date.now(),
      questions: ids.map((id) => ({
        id,
        item: respondent.shape.questions.get(id)!.item,
        value: respondent.answers[id] ?? null,
      })),
    },
    { headers: PRIVATE_HEADERS },
  );
}

/** Autosaves don't need the page reloaded: the fetcher gets the new revision back. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

function conflictData(reason: "stale" | "submitted", revision: number, values: Record<string, string> = {}) {
  return data(
    {
      ok: false as const,
      conflict: reason,
      message: reason === "stale" ? CONFLICT_MESSAGE : SUBMITTED_MESSAGE,
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

  if (intent === "autosave") {
    const parsed = await parseForm(request, autosaveSchema);
    if (!parsed.ok)
      return data({ ok: false as const, message: parsed.formError ?? "The answer could not be read." }, 400);
    const { itemId, value, baseRevision } = parsed.data;
    try {
      const result = await saveAnswers(respondent.responseId, baseRevision, { [itemId]: value });
      if (!result.ok) return conflictData(result.reason, result.revision);
      return data({ ok: true as const, revision: result.revision }, { headers: PRIVATE_HEADERS });
    } catch (error) {
      if (error instanceof InvalidAnswerError) return data({ ok: false as const, message: error.message }, 400);
      throw error;
    }
  }

  // The whole page as a plain form (this is also how the page works without JavaScript).
  const parsed = await parseForm(request, pageFormSchema);
  if (!parsed.ok) return data({ ok: false as const, message: parsed.formError ?? "The page could not be read." }, 400);
  const { intent: move, baseRevision, renderedAt, ...fields } = parsed.data;
  const onPage = new Set(respondent.shape.pages[index]);
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const itemId = name.startsWith(ANSWER_PREFIX) ? name.slice(ANSWER_PREFIX.length) : "";
    if (!onPage.has(itemId)) return data({ ok: false as const, message: `Unexpected field: ${name}.` }, 400);
    answers[itemId] = String(value);
  }
  try {
    const result = await saveAnswers(respondent.responseId, baseRevision, answers, {
      page: index,
      ms: Date.now() - renderedAt,
    });
    if (!result.ok) return conflictData(result.reason, result.revision, answers);
  } catch (error) {
    if (error instanceof InvalidAnswerError) return data({ ok: false as const, message: error.message }, 400);
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

type SaveState = "idle" | "saving" | "saved" | "conflict" | "error";

export default function QuestionPage() {
  const { page, pageCount, revision: loadedRevision, renderedAt, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const fetcher = useFetcher<typeof action>();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);

  const [revision, setRevision] = useState(loadedRevision);
  const revisionRef = useRef(loadedRevision);
  const queue = useRef(new Map<string, string>());
  const inFlight = useRef(false);
  const deferredMove = useRef<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("idle");

  // A new page (or a reloaded one) starts from the server's revision.
  useEffect(() => {
    revisionRef.current = loadedRevision;
    setRevision(loadedRevision);
    queue.current.clear();
    setSaveState("idle");
  }, [loadedRevision, page]);

  function sendNext() {
    const next = queue.current.entries().next();
    if (next.done) return;
    const [itemId, value] = next.value;
    queue.current.delete(itemId);
    inFlight.current = true;
    setSaveState("saving");
    fetcher.submit(
      { intent: "autosave", itemId, value, baseRevision: String(revisionRef.current) },
      { method: "post" },
    );
  }

  function submitPage(move: string) {
    const form = formRef.current;
    if (!form) return;
    const body = new FormData(form);
    body.set("intent", move);
    body.set("baseRevision", String(revisionRef.current));
    submit(body, { method: "post" });
  }

  useEffect(() => {
    if (fetcher.state !== "idle" || !inFlight.current) return;
    inFlight.current = false;
    const result = fetcher.data;
    if (result && result.ok && "revision" in result) {
      revisionRef.current = result.revision;
      setRevision(result.revision);
      setSaveState("saved");
    } else if (result && !result.ok && "conflict" in result) {
      setSaveState("conflict");
      queue.current.clear();
      deferredMove.current = null;
      return;
    } else {
      setSaveState("error");
    }
    if (deferredMove.current) {
      const move = deferredMove.current;
      deferredMove.current = null;
      queue.current.clear();
      submitPage(move);
      return;
    }
    sendNext();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);

  function onChange(event: ChangeEvent<HTMLFormElement>) {
    const target = event.target as unknown as HTMLInputElement;
    if (target.type !== "radio" || !target.name.startsWith(ANSWER_PREFIX) || saveState === "conflict") return;
    const itemId = target.name.slice(ANSWER_PREFIX.length);
    queue.current.delete(itemId);
    queue.current.set(itemId, target.value);
    if (!inFlight.current) sendNext();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const move = submitter?.value ?? "next";
    // The page post carries every answer on the page; wait for a save in flight so its revision is current.
    event.preventDefault();
    queue.current.clear();
    if (inFlight.current) deferredMove.current = move;
    else submitPage(move);
  }

  const conflict = saveState === "conflict" || (actionData && !actionData.ok && "conflict" in actionData);
  const conflictMessage =
    actionData && !actionData.ok && "conflict" in actionData ? actionData.message : CONFLICT_MESSAGE;
  const problem = actionData && !actionData.ok && !("conflict" in actionData) ? actionData.message : null;
  const postedValues: Record<string, string> | null =
    actionData && !actionData.ok && "values" in actionData ? (actionData.values as Record<string, string>) : null;
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";

  return (
    <>
      <div className="progress-block">
        <label htmlFor="progress">
          Page {page} of {pageCount}
        </label>
        <progress id="progress" value={page} max={pageCount}>
          Page {page} of {pageCount}
        </progress>
      </div>
      {conflict ? (
        <div className="alert error" role="alert">
          <p>{conflictMessage}</p>
          <p>
            <a href={`/r/${page}`}>Reload this page</a>
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
        <input type="hidden" name="renderedAt" value={renderedAt} />
        {questions.map((q) => (
          <QuestionItem
            key={q.id}
            item={q.item}
            name={`${ANSWER_PREFIX}${q.id}`}
            value={postedValues && q.id in postedValues ? postedValues[q.id] : q.value}
          />
        ))}
        <p className="save-status muted" role="status" aria-live="polite">
          {saveState === "saving" ? "Saving…" : saveState === "saved" ? "All answers saved." : null}
          {saveState === "error" ? "Could not save the last answer; it will be saved when you continue." : null}
        </p>
        <div className="page-buttons forward-first">
          {/* "Next" comes first in the document so that pressing Enter moves forward; CSS shows it on the right. */}
          {page < pageCount ? (
            <button type="submit" name="intent" value="next" className="big" disabled={busy}>
              Next page
            </button>
          ) : (
            <button type="submit" name="intent" value="review" className="big" disabled={busy}>
              Review answers
            </button>
          )}
          {page > 1 ? (
            <button type="submit" name="intent" value="back" className="secondary big" disabled={busy}>
              Previous page
            </button>
          ) : null}
        </div>
      </Form>
    </>
  );
}

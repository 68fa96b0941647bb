// The answering page's autosave, over the plain page form (progressive enhancement): each answer is posted as it is
// chosen, one at a time, each based on the revision the last one returned; a page move waits for the save in flight.
// A 503 (the database busy or failing, issue 15 item 12) keeps the answer queued and sends it again with backoff.
// Saves go to `POST /r/autosave`, a plain JSON endpoint (issue 19: answered in front of Remix by server.js, see
// app/utils/autosave-endpoint.server.ts), so a save costs no route matching, single fetch or revalidation.
import { useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent, type RefObject } from "react";

/** Where each answer is posted (AUTOSAVE_PATH of app/utils/autosave-endpoint.server.ts). */
const AUTOSAVE_URL = "/r/autosave";

/** What the endpoint answers (AutosaveAnswer of autosave-endpoint.server.ts); null: no JSON came back. */
type AutosaveAnswer =
  | { ok: true; revision: number }
  | { ok: false; message: string; conflict?: "stale" | "submitted"; retryAfterSeconds?: number }
  | null;

/** Posts one answer; null when the network failed or the answer was not the endpoint's JSON (e.g. a guard's 413). */
async function postAnswer(itemId: string, value: string, baseRevision: number): Promise<AutosaveAnswer> {
  try {
    const response = await fetch(AUTOSAVE_URL, {
      method: "POST",
      body: new URLSearchParams({ intent: "autosave", itemId, value, baseRevision: String(baseRevision) }),
      credentials: "same-origin",
    });
    if (!response.headers.get("Content-Type")?.startsWith("application/json")) return null;
    return (await response.json()) as AutosaveAnswer;
  } catch {
    return null;
  }
}

export type SaveState = "idle" | "saving" | "retrying" | "saved" | "conflict" | "error";

/** Pause before resending a save the server could not take (503): 1, 2, 4 … s, at most the server's Retry-After. */
function retryDelayMs(attempt: number, retryAfterSeconds: number): number {
  return Math.min(retryAfterSeconds * 1000, 1000 * 2 ** (attempt - 1));
}

export function useAnswerAutosave({
  page,
  loadedRevision,
  formRef,
  answerPrefix,
}: {
  page: number;
  loadedRevision: number;
  formRef: RefObject<HTMLFormElement | null>;
  /** Prefix of the answer inputs' names (`a:<item id>`). */
  answerPrefix: string;
}) {
  const navigation = useNavigation();
  const submit = useSubmit();

  const [revision, setRevision] = useState(loadedRevision);
  const revisionRef = useRef(loadedRevision);
  const queue = useRef(new Map<string, string>());
  const inFlight = useRef(false);
  const deferredMove = useRef<string | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryAttempt = useRef(0);
  const lastSent = useRef<{ itemId: string; value: string } | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("idle");

  // A new page (or a reloaded one) starts from the server's revision.
  useEffect(() => {
    revisionRef.current = loadedRevision;
    setRevision(loadedRevision);
    queue.current.clear();
    setSaveState("idle");
  }, [loadedRevision, page]);

  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(retryTimer.current ?? undefined);
    };
  }, []);

  function sendNext() {
    const next = queue.current.entries().next();
    if (next.done) return;
    const [itemId, value] = next.value;
    queue.current.delete(itemId);
    inFlight.current = true;
    lastSent.current = { itemId, value };
    if (retryAttempt.current === 0) setSaveState("saving");
    void postAnswer(itemId, value, revisionRef.current).then((result) => {
      if (mounted.current) onAnswer(result);
    });
  }

  function submitPage(move: string) {
    const form = formRef.current;
    if (!form) return;
    const body = new FormData(form);
    body.set("intent", move);
    body.set("baseRevision", String(revisionRef.current));
    submit(body, { method: "post" });
  }

  function onAnswer(result: AutosaveAnswer) {
    inFlight.current = false;
    if (result && !result.ok && "retryAfterSeconds" in result) {
      // 503: put the answer back (unless a newer one for that item is waiting) and send it again later.
      const { itemId, value } = lastSent.current!;
      if (!queue.current.has(itemId)) queue.current = new Map([[itemId, value], ...queue.current]);
      retryAttempt.current += 1;
      setSaveState("retrying");
      retryTimer.current = setTimeout(
        () => {
          retryTimer.current = null;
          sendNext();
        },
        retryDelayMs(retryAttempt.current, Number(result.retryAfterSeconds)),
      );
      return;
    }
    retryAttempt.current = 0;
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
  }

  function onChange(event: ChangeEvent<HTMLFormElement>) {
    const target = event.target as unknown as HTMLInputElement;
    if (target.type !== "radio" || !target.name.startsWith(answerPrefix) || saveState === "conflict") return;
    // While the page itself is being posted, a click belongs to a page that is going away: the review lists it.
    if (navigation.state !== "idle") return;
    const itemId = target.name.slice(answerPrefix.length);
    queue.current.delete(itemId);
    queue.current.set(itemId, target.value);
    if (!inFlight.current && !retryTimer.current) sendNext();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const move = submitter?.value ?? "next";
    // The page post carries every answer on the page; wait for a save in flight so its revision is current.
    event.preventDefault();
    // A save waiting to be retried (503) goes first too: the page post would meet the same busy database.
    if (inFlight.current || retryTimer.current) {
      deferredMove.current = move;
      return;
    }
    queue.current.clear();
    submitPage(move);
  }

  return { revision, saveState, onChange, onSubmit };
}

// The answering page's autosave, over the plain page form (progressive enhancement): each answer is posted as it is
// chosen, one at a time, each based on the revision the last one returned; a page move waits for the save in flight.
// A 503 (the database busy or failing, issue 15 item 12) keeps the answer queued and sends it again with backoff.
import { useFetcher, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent, type RefObject } from "react";

/** What the page action answers an autosave (app/routes/r.$page.tsx). */
type AutosaveAnswer =
  | { ok: true; revision: number }
  | { ok: false; message: string; conflict?: "stale" | "submitted"; retryAfterSeconds?: number };

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
  const fetcher = useFetcher<AutosaveAnswer>();
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

  useEffect(() => () => clearTimeout(retryTimer.current ?? undefined), []);

  function sendNext() {
    const next = queue.current.entries().next();
    if (next.done) return;
    const [itemId, value] = next.value;
    queue.current.delete(itemId);
    inFlight.current = true;
    lastSent.current = { itemId, value };
    if (retryAttempt.current === 0) setSaveState("saving");
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);

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

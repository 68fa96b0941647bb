import { Form } from "@remix-run/react";
import { TextareaField } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { useStaffT } from "~/i18n/staff";
import { reviewExplanation, reviewStatusLabel } from "~/utils/report-wording";
import { TEXT_LIMITS } from "~/utils/text-limits";

type ReviewView = {
  status: "pending" | "usable" | "set_aside";
  label: string;
  note: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
};

/**
 * The fit report's review of a flagged candidate (issue 21, point 4): the flags with what each means, where the review
 * stands, and the two actions, each needing a note. One form: the button pressed says which action.
 */
export function CandidateReview({
  review,
  flags,
  busy,
  noteErrors,
  formError,
}: {
  review: ReviewView;
  flags: { flag: string; meaning: string }[];
  busy: boolean;
  noteErrors: string[] | undefined;
  formError: string | null | undefined;
}) {
  const tw = useStaffT("wording");
  return (
    <section aria-labelledby="review-heading" className="card review-panel" id="review">
      <h2 id="review-heading">
        Review: <span className="review-status">{review.label}</span>
      </h2>
      {review.status === "pending" ? <p>{reviewExplanation(tw)}</p> : null}
      <ul>
        {flags.map((f) => (
          <li key={f.flag}>
            <strong>{f.flag}</strong>: {f.meaning}
          </li>
        ))}
      </ul>
      {review.status !== "pending" ? (
        <p>
          {review.label} — by {review.reviewedBy} on <FormattedDate value={review.reviewedAt} precision="day" />:{" "}
          {review.note}
        </p>
      ) : null}
      {formError ? (
        <p className="alert error" role="alert">
          {formError}
        </p>
      ) : null}
      <Form method="post" className="stack no-print" noValidate>
        <input type="hidden" name="intent" value="review" />
        <TextareaField
          label={review.status === "pending" ? "Review note (required)" : "Change the review: note (required)"}
          hint="What you checked and why: it is shown here and kept in the audit log."
          errors={noteErrors}
          textareaProps={{ name: "note", id: "review-note", rows: 3, maxLength: TEXT_LIMITS.note, required: true }}
        />
        <div className="row">
          <button type="submit" name="status" value="usable" disabled={busy}>
            Scores can be used
          </button>
          <button type="submit" name="status" value="set_aside" className="secondary" disabled={busy}>
            {reviewStatusLabel(tw, "set_aside")}
          </button>
        </div>
      </Form>
    </section>
  );
}

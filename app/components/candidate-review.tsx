import { Form } from "@remix-run/react";
import { TextareaField } from "~/components/field";
import { useFormat } from "~/i18n/format";
import { FlagList } from "~/components/report-sections";
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
  const t = useStaffT("report");
  const f = useFormat();
  return (
    <section aria-labelledby="review-heading" className="card review-panel" id="review">
      <h2 id="review-heading">
        {t("review.heading")} <span className="review-status">{review.label}</span>
      </h2>
      {review.status === "pending" ? <p>{reviewExplanation(tw)}</p> : null}
      <FlagList flags={flags} />
      {review.status !== "pending" ? (
        <p>
          {t("review.reviewed", { status: review.label, by: review.reviewedBy ?? "", date: f.date(review.reviewedAt) })}{" "}
          {review.note}
        </p>
      ) : null}
      {formError ? (
        <p className="alert error" role="alert">
          {t.message(formError)}
        </p>
      ) : null}
      <Form method="post" className="stack no-print" noValidate>
        <input type="hidden" name="intent" value="review" />
        <TextareaField
          label={t(review.status === "pending" ? "review.noteLabel" : "review.changeLabel")}
          hint={t("review.noteHint")}
          errors={noteErrors?.map((e) => t.message(e))}
          textareaProps={{ name: "note", id: "review-note", rows: 3, maxLength: TEXT_LIMITS.note, required: true }}
        />
        <div className="row">
          <button type="submit" name="status" value="usable" disabled={busy}>
            {t("review.usable")}
          </button>
          <button type="submit" name="status" value="set_aside" className="secondary" disabled={busy}>
            {reviewStatusLabel(tw, "set_aside")}
          </button>
        </div>
      </Form>
    </section>
  );
}

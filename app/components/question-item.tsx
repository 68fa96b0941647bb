import type { AttentionItem, Item } from "~/questionnaire/types";
import questionItemCss from "~/styles/question-item.css?url";

/** Add to the `links` of a route that renders QuestionItem. */
export const questionItemLinks = () => [{ rel: "stylesheet", href: questionItemCss }];

export const LIKERT_LABELS = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

type Props = {
  /** A value item or an attention item (rendered like a likert statement). */
  item: Item | AttentionItem;
  /** Name of the radio group in the form (e.g. the item id). */
  name: string;
  /** The current answer: a number on the scale, or a scenario option id. */
  value?: string | number | null;
  disabled?: boolean;
  /** Error messages for this item (sets aria-invalid). */
  errors?: readonly string[];
};

function scaleLabels(min: number, max: number): { value: number; label: string }[] {
  const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  if (min === 1 && max === 5) return points.map((p) => ({ value: p, label: `${p} · ${LIKERT_LABELS[p - 1]}` }));
  return points.map((p) => ({ value: p, label: String(p) }));
}

/**
 * One question as respondents see it: a fieldset whose legend is the statement, with one radio per answer
 * (1–5 Strongly disagree..Strongly agree, 0–10 for ratings, the options of a scenario). Works without JavaScript.
 */
export function QuestionItem({ item, name, value, disabled, errors }: Props) {
  const current = value === null || value === undefined ? null : String(value);
  const errorId = errors?.length ? `${name}-error` : undefined;
  const isRating = "type" in item && item.type === "rating";
  const scale = "scale" in item ? item.scale : null;
  const choices =
    "type" in item && item.type === "scenario"
      ? item.options.map((o) => ({ value: o.id, label: o.text }))
      : scaleLabels(scale?.min ?? 1, scale?.max ?? 5).map((c) => ({ value: String(c.value), label: c.label }));
  return (
    <fieldset
      className={`question-item${isRating ? " rating" : ""}`}
      aria-invalid={errorId ? true : undefined}
      aria-describedby={errorId}
      disabled={disabled}
    >
      <legend>{item.text}</legend>
      {isRating && scale ? (
        <p className="muted scale-anchors" aria-hidden="true">
          <span>{scale.min} = not at all</span>
          <span>{scale.max} = completely</span>
        </p>
      ) : null}
      <div className={isRating ? "scale-row" : "choices"}>
        {choices.map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              defaultChecked={current === choice.value}
              aria-label={isRating && scale ? `${choice.label} of ${scale.max}` : undefined}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {errorId ? (
        <p id={errorId} className="error-list">
          {errors?.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

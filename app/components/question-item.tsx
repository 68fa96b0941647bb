import { useT, type Translate } from "~/i18n/i18n";
import type { AttentionItem, Item, VirtueItem } from "~/questionnaire/types";
import questionItemCss from "~/styles/question-item.css?url";

/** Add to the `links` of a route that renders QuestionItem. */
export const questionItemLinks = () => [{ rel: "stylesheet", href: questionItemCss }];

/** Catalog keys of the 1–5 labels (app/i18n/locales/<locale>.json). */
export const LIKERT_LABEL_KEYS = ["scale.likert1", "scale.likert2", "scale.likert3", "scale.likert4", "scale.likert5"];

type Props = {
  /** A value item or an attention item (rendered like a likert statement). */
  item: Item | AttentionItem | VirtueItem;
  /** Name of the radio group in the form (e.g. the item id). */
  name: string;
  /** The current answer: a number on the scale, or a scenario option id. */
  value?: string | number | null;
  disabled?: boolean;
  /** Error messages for this item (sets aria-invalid). */
  errors?: readonly string[];
};

function scaleLabels(t: Translate, min: number, max: number): { value: number; label: string }[] {
  const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  if (min === 1 && max === 5) return points.map((p) => ({ value: p, label: `${p} · ${t(LIKERT_LABEL_KEYS[p - 1])}` }));
  return points.map((p) => ({ value: p, label: String(p) }));
}

/**
 * One question as respondents see it: a fieldset whose legend is the statement, with one radio per answer
 * (1–5 Strongly disagree..Strongly agree, 0–10 for ratings, the options of a scenario). Works without JavaScript.
 * Labels come from the i18n layer (the nearest I18nextProvider); item texts are passed in already translated.
 */
export function QuestionItem({ item, name, value, disabled, errors }: Props) {
  const t = useT();
  const current = value === null || value === undefined ? null : String(value);
  const errorId = errors?.length ? `${name}-error` : undefined;
  const isRating = "type" in item && item.type === "rating";
  const scale = "scale" in item ? item.scale : null;
  const choices =
    "type" in item && item.type === "scenario"
      ? item.options.map((o) => ({ value: o.id, label: o.text }))
      : scaleLabels(t, scale?.min ?? 1, scale?.max ?? 5).map((c) => ({ value: String(c.value), label: c.label }));
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
          <span>{t("scale.anchor", { value: scale.min, label: t("scale.ratingLow") })}</span>
          <span>{t("scale.anchor", { value: scale.max, label: t("scale.ratingHigh") })}</span>
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
              aria-label={
                isRating && scale ? t("scale.ratingAria", { value: choice.label, max: scale.max }) : undefined
              }
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

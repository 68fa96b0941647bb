import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useId } from "react";

export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors || errors.length === 0) return null;
  return (
    <ul id={id} className="error-list">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

type FieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | null;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { name: string };
};

/** Label + input + errors, wired with aria-invalid and aria-describedby. */
export function Field({ label, hint, errors, inputProps }: FieldProps) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <div id={hintId} className="muted">
          {hint}
        </div>
      ) : null}
      <input
        id={id}
        {...inputProps}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

type TextareaFieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | null;
  textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string };
};

export function TextareaField({ label, hint, errors, textareaProps }: TextareaFieldProps) {
  const fallbackId = useId();
  const id = textareaProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <div id={hintId} className="muted">
          {hint}
        </div>
      ) : null}
      <textarea
        id={id}
        {...textareaProps}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

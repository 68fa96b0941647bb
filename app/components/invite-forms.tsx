import { Form } from "@remix-run/react";
import { ErrorList, Field, TextareaField } from "~/components/field";
import type { Translate } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";

/** Who a section invites: agents (top), comparison agents (issue 17) or candidates. */
export type InviteNoun = "agent" | "comparison" | "candidate";

/** A language an invitation can be sent in, named in the reader's language by the loader. */
export type LocaleOption = { code: string; name: string };

export type InviteFormProblems = {
  formError?: string | null;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, unknown>;
  lineErrors?: { line: number; message: string }[];
};

type InviteFormProps = {
  kind: "agent" | "candidate";
  group: "top" | "comparison";
  noun: InviteNoun;
  /** Prefix of the form controls' ids: unique per section on the page. */
  slot: string;
  /** Remounts the form (clearing it) after a successful action. */
  formKey: string;
  problems: InviteFormProblems | null;
  localeErrors?: string[];
  localeOptions: LocaleOption[];
  defaultLocale: string;
  submitting: boolean;
};

/** The section's words for its noun (literal keys, so the catalog test checks them). */
export function nounTexts(t: Translate, noun: InviteNoun) {
  if (noun === "comparison") {
    return {
      empty: t("section.comparison.empty"),
      inviteOneHeading: t("section.comparison.inviteOneHeading"),
      invite: t("section.comparison.invite"),
      pasteHeading: t("section.comparison.pasteHeading"),
      inviteAll: t("section.comparison.inviteAll"),
    };
  }
  if (noun === "candidate") {
    return {
      empty: t("section.candidate.empty"),
      inviteOneHeading: t("section.candidate.inviteOneHeading"),
      invite: t("section.candidate.invite"),
      pasteHeading: t("section.candidate.pasteHeading"),
      inviteAll: t("section.candidate.inviteAll"),
    };
  }
  return {
    empty: t("section.agent.empty"),
    inviteOneHeading: t("section.agent.inviteOneHeading"),
    invite: t("section.agent.invite"),
    pasteHeading: t("section.agent.pasteHeading"),
    inviteAll: t("section.agent.inviteAll"),
  };
}

function HiddenFields({ intent, kind, group }: { intent: string; kind: string; group: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="kind" value={kind} />
      {kind === "agent" ? <input type="hidden" name="group" value={group} /> : null}
    </>
  );
}

/** Invite one person: name, optional email, language. */
export function InviteOneForm(props: InviteFormProps) {
  const t = useStaffT("invitations");
  const words = nounTexts(t, props.noun);
  const { problems, slot } = props;
  return (
    <Form method="post" className="stack card" noValidate key={props.formKey}>
      <h3>{words.inviteOneHeading}</h3>
      <HiddenFields intent="invite-one" kind={props.kind} group={props.group} />
      {problems?.formError ? (
        <p className="alert error" role="alert">
          {problems.formError}
        </p>
      ) : null}
      <Field
        label={t("common:name")}
        errors={problems?.fieldErrors?.name}
        inputProps={{
          id: `${slot}-name`,
          name: "name",
          type: "text",
          required: true,
          maxLength: 200,
          defaultValue: String(problems?.values?.name ?? ""),
        }}
      />
      <Field
        label={t("section.emailOptional")}
        errors={problems?.fieldErrors?.email}
        inputProps={{
          id: `${slot}-email`,
          name: "email",
          type: "email",
          defaultValue: String(problems?.values?.email ?? ""),
        }}
      />
      <LocaleSelect
        id={`${slot}-locale`}
        options={props.localeOptions}
        defaultValue={props.defaultLocale}
        errors={props.localeErrors}
      />
      <div>
        <button type="submit" disabled={props.submitting}>
          {props.submitting ? t("section.inviting") : words.invite}
        </button>
      </div>
    </Form>
  );
}

/** Invite a pasted list: one "name, email" per line, every line checked before anyone is invited. */
export function InviteListForm(props: InviteFormProps) {
  const t = useStaffT("invitations");
  const words = nounTexts(t, props.noun);
  const { problems, slot } = props;
  return (
    <Form method="post" className="stack card" noValidate key={props.formKey}>
      <h3>{words.pasteHeading}</h3>
      <HiddenFields intent="invite-list" kind={props.kind} group={props.group} />
      {problems ? (
        <div className="alert error" role="alert">
          <p>{problems.formError}</p>
          {problems.lineErrors?.length ? (
            <ul className="problems">
              {problems.lineErrors.map((e) => (
                <li key={`${e.line}-${e.message}`}>{t("list.line", { line: e.line, message: e.message })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <TextareaField
        label={t("section.listLabel")}
        hint={t("section.listHint")}
        errors={problems?.fieldErrors?.list}
        textareaProps={{
          id: `${slot}-list`,
          name: "list",
          rows: 5,
          defaultValue: String(problems?.values?.list ?? ""),
        }}
      />
      <LocaleSelect
        id={`${slot}-list-locale`}
        options={props.localeOptions}
        defaultValue={props.defaultLocale}
        errors={props.localeErrors}
      />
      <div>
        <button type="submit" disabled={props.submitting}>
          {props.submitting ? t("section.inviting") : words.inviteAll}
        </button>
      </div>
    </Form>
  );
}

/** The language an invitation is sent in (only the languages the position's questionnaire version offers). */
function LocaleSelect(props: { id: string; options: LocaleOption[]; defaultValue: string; errors?: string[] }) {
  const t = useStaffT("invitations");
  const errorId = props.errors?.length ? `${props.id}-error` : undefined;
  return (
    <div>
      <label htmlFor={props.id}>{t("common:language")}</label>
      <select
        id={props.id}
        name="locale"
        defaultValue={props.defaultValue}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      >
        {props.options.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={props.errors} />
    </div>
  );
}

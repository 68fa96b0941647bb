import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { CustomItemForm, DraftSummary, ValueBlock } from "~/components/questionnaire-builder";
import { CustomItemEditor, ProbesEditor, PublishSection, TypeFilter } from "~/components/questionnaire-content-editor";
import {
  addCustomItem,
  ContentEditError,
  editCustomItem,
  getBuilder,
  getQuestionnaire,
  listVersions,
  publishQuestionnaire,
  removeCustomItem,
  rewordBankItem,
  saveDraftSelection,
  saveValueProbes,
} from "~/models/questionnaire.server";
import { failure, parseForm } from "~/utils/form.server";
import { readIntent } from "~/utils/form-intent.server";
import {
  customItemSchema,
  DRAFT_ARRAY_FIELDS,
  editCustomItemInput,
  editCustomItemSchema,
  probesSchema,
  publishSchema,
  saveDraftSchema,
} from "~/utils/schemas/questionnaires.server";
import { requireRole } from "~/utils/route-roles.server";
import builderCss from "~/styles/questionnaires.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.questionnaire.title ?? "Questionnaire"} · valuebench` },
];
export const links = () => [{ rel: "stylesheet", href: builderCss }];

const TYPES = ["likert", "rating", "scenario"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.$questionnaireId._index");
  const id = params.questionnaireId ?? "";
  const builder = await getBuilder(user.organizationId, id);
  const url = new URL(request.url);
  const type = url.searchParams.get("type");
  const editId = url.searchParams.get("edit");
  return {
    ...builder,
    filter: TYPES.find((t) => t === type) ?? null,
    editing: builder.values.flatMap((v) => v.customItems).find((item) => item.id === editId) ?? null,
    versions: await listVersions(user.organizationId, id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.$questionnaireId._index");
  const actor = { userId: user.id, label: user.email };
  const orgId = user.organizationId;
  const id = params.questionnaireId ?? "";
  await getQuestionnaire(orgId, id); // 404 before reading the form
  const intent = await readIntent(request);
  if (intent === "publish") {
    const parsed = await parseForm(request, publishSchema, { locale: user.locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const languagesConfirmed = parsed.data.confirmLanguages === "yes";
    const result = await publishQuestionnaire(orgId, id, actor, { languagesConfirmed });
    if (!result.ok) {
      const languageWarnings = "missingLanguages" in result ? result.missingLanguages.lines : null;
      return data({ ...failure(result.message), intent, languageWarnings }, languageWarnings ? 409 : 400);
    }
    const offered = result.locales.length === 1 ? "English only" : `${result.locales.length} languages`;
    return { ok: true as const, intent, message: `Published version ${result.version}, offered in ${offered}.` };
  }
  if (intent === "add-custom") {
    const parsed = await parseForm(request, customItemSchema, { locale: user.locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const itemId = await addCustomItem(orgId, id, parsed.data, actor);
    return { ok: true as const, intent, message: `Custom item ${itemId} added.` };
  }
  if (intent === "edit-custom" || intent === "save-probes") return contentAction(request, orgId, id, actor, intent);
  const parsed = await parseForm(request, saveDraftSchema, { arrays: DRAFT_ARRAY_FIELDS, locale: user.locale });
  if (!parsed.ok) return data({ ...parsed, intent }, 400);
  const { title, includeAttention, includeVirtues, values, items } = parsed.data;
  await saveDraftSelection(
    orgId,
    id,
    { title, includeAttention: includeAttention === "yes", includeVirtues: includeVirtues === "yes", values, items },
    actor,
  );
  if (parsed.data.intent.startsWith("reword:")) {
    const bankItemId = parsed.data.intent.slice("reword:".length);
    try {
      const itemId = await rewordBankItem(orgId, id, bankItemId, actor);
      return redirect(`/app/questionnaires/${id}?edit=${itemId}#edit-custom`);
    } catch (error) {
      if (error instanceof ContentEditError) return data({ ...failure(error.message), intent }, 400);
      throw error;
    }
  }
  if (parsed.data.intent.startsWith("remove:")) {
    const itemId = parsed.data.intent.slice("remove:".length);
    await removeCustomItem(orgId, id, itemId, actor);
    return { ok: true as const, intent, message: `Custom item ${itemId} removed.` };
  }
  return { ok: true as const, intent, message: "Draft saved." };
}

/** Editing a custom item's texts or a value's probes: validated, written, or a message naming what is wrong. */
async function contentAction(
  request: Request,
  orgId: string,
  id: string,
  actor: { userId: string; label: string },
  intent: "edit-custom" | "save-probes",
) {
  try {
    if (intent === "edit-custom") {
      const parsed = await parseForm(request, editCustomItemSchema);
      if (!parsed.ok) return data({ ...parsed, intent }, 400);
      await editCustomItem(orgId, id, editCustomItemInput(parsed.data), actor);
      return { ok: true as const, intent, message: `Custom item ${parsed.data.itemId} saved.` };
    }
    const parsed = await parseForm(request, probesSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    await saveValueProbes(orgId, id, parsed.data, actor);
    return { ok: true as const, intent, message: "Probes saved." };
  } catch (error) {
    if (error instanceof ContentEditError) return data({ ...failure(error.message), intent }, 400);
    throw error;
  }
}

export default function QuestionnaireBuilder() {
  const {
    questionnaire,
    values,
    languages,
    attentionCount,
    virtueCount,
    estimatedSeconds,
    order,
    filter,
    versions,
    editing,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const problem = actionData && !actionData.ok ? actionData : null;
  const customProblem = problem?.intent === "add-custom" ? problem : null;
  const editProblem = problem?.intent === "edit-custom" ? problem : null;
  const probesProblem = problem?.intent === "save-probes" ? problem : null;
  const languageWarnings =
    problem && "languageWarnings" in problem ? (problem.languageWarnings as string[] | null) : null;
  const includedValues = values.filter((v) => v.included);
  const base = `/app/questionnaires/${questionnaire.id}`;
  return (
    <div className="stack">
      <p>
        <Link to="/app/questionnaires">← Questionnaires</Link>
      </p>
      <h1>{questionnaire.title}</h1>
      <p className="muted">
        Id <span className="badge">{questionnaire.slug}</span> ·{" "}
        <Link to={`${base}/preview`}>Preview as a respondent</Link>
      </p>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {problem && problem.intent !== "add-custom" && problem.intent !== "edit-custom" && problem.formError ? (
        <p className="alert error" role="alert">
          {problem.formError}
        </p>
      ) : null}

      <DraftSummary
        valueCount={includedValues.length}
        itemCount={includedValues.reduce((n, v) => n + v.itemCount, 0)}
        attentionCount={questionnaire.includeAttention ? attentionCount : null}
        virtueCount={questionnaire.includeVirtues ? virtueCount : null}
        estimatedSeconds={estimatedSeconds}
        order={order}
      />

      <TypeFilter base={base} types={TYPES} filter={filter} />

      <Form method="post" className="stack" noValidate>
        <Field
          label="Title"
          errors={problem?.intent === "save" ? problem.fieldErrors.title : undefined}
          inputProps={{ name: "title", required: true, defaultValue: questionnaire.title }}
        />
        <label className="checkbox">
          <input type="checkbox" name="includeAttention" value="yes" defaultChecked={questionnaire.includeAttention} />
          Include the {attentionCount} attention checks (not scored; a wrong answer flags the response)
        </label>
        <label className="checkbox">
          <input type="checkbox" name="includeVirtues" value="yes" defaultChecked={questionnaire.includeVirtues} />
          Include the {virtueCount} unlikely-virtue statements such as “I have never been impatient with anyone.” (not
          scored; agreeing fully with several marks a response that may describe an ideal rather than the person)
        </label>
        {values.length === 0 ? (
          <p className="alert warning">
            Your organization has no values yet. <Link to="/app/values">Add values</Link> first.
          </p>
        ) : null}
        {values.map((value) => (
          <ValueBlock key={value.key} value={value} filter={filter} />
        ))}
        <div>
          <button type="submit" name="intent" value="save" disabled={busy}>
            Save draft
          </button>
        </div>
      </Form>

      {editing ? (
        <CustomItemEditor
          key={editing.id}
          item={editing}
          languages={languages}
          cancelTo={base}
          busy={busy}
          formError={editProblem?.formError}
          fieldErrors={editProblem?.fieldErrors}
          submitted={(editProblem?.values ?? {}) as Record<string, string | undefined>}
        />
      ) : null}

      <CustomItemForm
        values={values}
        busy={busy}
        formKey={actionData?.ok && actionData.intent === "add-custom" ? actionData.message : "custom"}
        formError={customProblem?.formError}
        fieldErrors={customProblem?.fieldErrors}
        submitted={(customProblem?.values ?? {}) as Record<string, string | undefined>}
      />

      <ProbesEditor
        values={values}
        busy={busy}
        problemValue={probesProblem ? String((probesProblem.values as Record<string, unknown>).value ?? "") : null}
        fieldErrors={probesProblem?.fieldErrors}
      />

      <PublishSection versions={versions} base={base} busy={busy} languageWarnings={languageWarnings} />
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, Field, TextareaField } from "~/components/field";
import { languageName } from "~/i18n/locale";
import {
  addCustomItem,
  getBuilder,
  getQuestionnaire,
  listVersions,
  publishQuestionnaire,
  removeCustomItem,
  saveDraftSelection,
  type BalanceWarning,
} from "~/models/questionnaire.server";
import type { Item } from "~/questionnaire/types";
import { failure, parseForm } from "~/utils/form.server";
import { readIntent } from "~/utils/form-intent.server";
import { SECONDS_PER_ITEM } from "~/utils/presentation-order";
import {
  customItemSchema,
  DRAFT_ARRAY_FIELDS,
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
  const type = new URL(request.url).searchParams.get("type");
  return {
    ...builder,
    filter: TYPES.find((t) => t === type) ?? null,
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
    const parsed = await parseForm(request, publishSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const result = await publishQuestionnaire(orgId, id, actor);
    if (!result.ok) return data({ ...failure(result.message), intent }, 400);
    return { ok: true as const, intent, message: `Published version ${result.version}.` };
  }
  if (intent === "add-custom") {
    const parsed = await parseForm(request, customItemSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const itemId = await addCustomItem(orgId, id, parsed.data, actor);
    return { ok: true as const, intent, message: `Custom item ${itemId} added.` };
  }
  const parsed = await parseForm(request, saveDraftSchema, { arrays: DRAFT_ARRAY_FIELDS });
  if (!parsed.ok) return data({ ...parsed, intent }, 400);
  const { title, includeAttention, values, items } = parsed.data;
  await saveDraftSelection(orgId, id, { title, includeAttention: includeAttention === "yes", values, items }, actor);
  if (parsed.data.intent.startsWith("remove:")) {
    const itemId = parsed.data.intent.slice("remove:".length);
    await removeCustomItem(orgId, id, itemId, actor);
    return { ok: true as const, intent, message: `Custom item ${itemId} removed.` };
  }
  return { ok: true as const, intent, message: "Draft saved." };
}

const WARNING_TEXT: Record<BalanceWarning, string> = {
  "few-items": "Fewer than 4 scored items: the value score will be noisy.",
  "no-reverse": "No reverse-keyed (−) item: agreeing with everything would score high.",
  "no-scenario": "No scenario: situational questions are harder to fake than statements.",
};

function KeyedBadge({ item }: { item: Item }) {
  if (item.type === "scenario") return <span className="badge">scenario</span>;
  return (
    <>
      <span className="badge">{item.type}</span>{" "}
      <span className={`badge keyed-${item.keyed}`} title={item.keyed === "plus" ? "keyed +" : "reverse keyed −"}>
        {item.keyed === "plus" ? "+" : "−"}
        <span className="sr-only">{item.keyed === "plus" ? " keyed" : " reverse keyed"}</span>
      </span>
    </>
  );
}

function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`;
}

export default function QuestionnaireBuilder() {
  const { questionnaire, values, attentionCount, estimatedSeconds, order, filter, versions } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const problem = actionData && !actionData.ok ? actionData : null;
  const customProblem = problem?.intent === "add-custom" ? problem : null;
  const customValues = (customProblem?.values ?? {}) as Record<string, string | undefined>;
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
      {problem && problem.intent !== "add-custom" && problem.formError ? (
        <p className="alert error" role="alert">
          {problem.formError}
        </p>
      ) : null}

      <section aria-labelledby="summary-heading" className="card stack">
        <h2 id="summary-heading">Draft summary</h2>
        <p>
          {includedValues.length} value{includedValues.length === 1 ? "" : "s"},{" "}
          {includedValues.reduce((n, v) => n + v.itemCount, 0)} scored items
          {questionnaire.includeAttention ? `, ${attentionCount} attention checks` : ""}. Estimated duration:{" "}
          <strong>{formatDuration(estimatedSeconds)}</strong>{" "}
          <span className="muted">
            ({SECONDS_PER_ITEM.likert} s per statement or rating, {SECONDS_PER_ITEM.scenario} s per scenario)
          </span>
        </p>
        <details>
          <summary>Presentation order ({order.length} items, values interleaved)</summary>
          <ol className="order-list">
            {order.map((entry) => (
              <li key={entry.id}>
                <span className="badge">{entry.valueId ?? "attention"}</span> {entry.text}
              </li>
            ))}
          </ol>
        </details>
      </section>

      <nav aria-label="Filter items by type" className="row">
        <span>Show:</span>
        <Link to={base} aria-current={filter === null ? "page" : undefined}>
          all items
        </Link>
        {TYPES.map((t) => (
          <Link key={t} to={`${base}?type=${t}`} aria-current={filter === t ? "page" : undefined}>
            {t}
          </Link>
        ))}
      </nav>

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
        {values.length === 0 ? (
          <p className="alert warning">
            Your organization has no values yet. <Link to="/app/values">Add values</Link> first.
          </p>
        ) : null}
        {values.map((value) => (
          <fieldset key={value.key} className="value-block">
            <legend>{value.name}</legend>
            <label className="checkbox">
              <input type="checkbox" name="values" value={value.key} defaultChecked={value.included} />
              Include {value.name} in this questionnaire
            </label>
            <p className="muted">{value.itemCount} items picked.</p>
            {value.included && value.warnings.length > 0 ? (
              <ul className="alert warning" aria-label={`Balance warnings for ${value.name}`}>
                {value.warnings.map((w) => (
                  <li key={w}>{WARNING_TEXT[w]}</li>
                ))}
              </ul>
            ) : null}
            {value.bankValue === null && value.bankItems.length === 0 ? (
              <p className="muted">A custom value: write its items below.</p>
            ) : null}
            <ul className="item-list">
              {value.bankItems.map((item) =>
                filter && item.type !== filter ? (
                  item.picked ? (
                    <input key={item.id} type="hidden" name="items" value={item.id} />
                  ) : null
                ) : (
                  <li key={item.id}>
                    <label className="checkbox">
                      <input type="checkbox" name="items" value={item.id} defaultChecked={item.picked} />
                      <span>
                        <KeyedBadge item={item} /> <span className="muted">{item.id}</span> {item.text}
                        {item.type === "scenario" ? (
                          <span className="muted"> Options: {item.options.map((o) => o.text).join(" / ")}</span>
                        ) : null}
                      </span>
                    </label>
                  </li>
                ),
              )}
            </ul>
            {value.customItems.length > 0 ? (
              <>
                <h3 className="custom-heading">Custom items</h3>
                <ul className="item-list">
                  {value.customItems.map((item) => (
                    <li key={item.id} className="row">
                      <span>
                        <KeyedBadge item={item} /> <span className="muted">{item.id}</span> {item.text}
                      </span>
                      <button type="submit" name="intent" value={`remove:${item.id}`} className="secondary">
                        Remove <span className="sr-only">{item.id}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </fieldset>
        ))}
        <div>
          <button type="submit" name="intent" value="save" disabled={busy}>
            Save draft
          </button>
        </div>
      </Form>

      <section aria-labelledby="custom-item-heading" className="stack narrow">
        <h2 id="custom-item-heading">Write a custom item</h2>
        {customProblem?.formError ? (
          <p className="alert error" role="alert">
            {customProblem.formError}
          </p>
        ) : null}
        <Form
          method="post"
          className="stack"
          noValidate
          key={actionData?.ok && actionData.intent === "add-custom" ? actionData.message : "custom"}
        >
          <input type="hidden" name="intent" value="add-custom" />
          <div>
            <label htmlFor="custom-value">Value</label>
            <select id="custom-value" name="value" defaultValue={customValues.value ?? values[0]?.key}>
              {values.map((v) => (
                <option key={v.key} value={v.key}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="custom-type">Type</label>
            <select id="custom-type" name="type" defaultValue={customValues.type ?? "likert"}>
              <option value="likert">Statement (1–5, Strongly disagree to Strongly agree)</option>
              <option value="rating">Rating (0–10)</option>
              <option value="scenario">Scenario (pick one option)</option>
            </select>
          </div>
          <TextareaField
            label="Text"
            hint="A statement starts with “I …”; a scenario describes a situation and asks what the respondent does."
            errors={customProblem?.fieldErrors.text}
            textareaProps={{ id: "custom-text", name: "text", rows: 2, defaultValue: customValues.text ?? "" }}
          />
          <fieldset
            aria-invalid={customProblem?.fieldErrors.keyed ? true : undefined}
            aria-describedby={customProblem?.fieldErrors.keyed ? "custom-keyed-error" : undefined}
          >
            <legend>Keying (statements and ratings)</legend>
            <div className="choices">
              <label>
                <input type="radio" name="keyed" value="plus" defaultChecked={customValues.keyed === "plus"} /> + a
                higher answer shows more of the value
              </label>
              <label>
                <input type="radio" name="keyed" value="minus" defaultChecked={customValues.keyed === "minus"} /> − a
                higher answer shows less of the value (reverse keyed)
              </label>
            </div>
            <ErrorList id="custom-keyed-error" errors={customProblem?.fieldErrors.keyed} />
          </fieldset>
          <TextareaField
            label="Options (scenarios only)"
            hint="2 to 6 options, one per line; make each one plausible."
            errors={customProblem?.fieldErrors.options}
            textareaProps={{ id: "custom-options", name: "options", rows: 4, defaultValue: customValues.options ?? "" }}
          />
          <div>
            <button type="submit" disabled={busy || values.length === 0}>
              Add custom item
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="publish-heading" className="stack">
        <h2 id="publish-heading">Publish</h2>
        <p className="muted">
          Publishing freezes the saved draft as a new version. Versions never change; positions use a version. Save the
          draft first.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <button type="submit" disabled={busy}>
            Publish version {(versions[0]?.version ?? 0) + 1}
          </button>
        </Form>
        <h3>Versions</h3>
        {versions.length === 0 ? (
          <p className="muted">Not published yet.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="sr-only">Published versions</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Published</th>
                  <th scope="col">By</th>
                  <th scope="col">Values</th>
                  <th scope="col">Items</th>
                  <th scope="col">Languages</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">Download</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <td>v{v.version}</td>
                    <td>{v.publishedAt.slice(0, 16).replace("T", " ")}</td>
                    <td>{v.publishedBy ?? "seed"}</td>
                    <td>{v.valueCount}</td>
                    <td>{v.itemCount}</td>
                    <td>{v.locales.map(languageName).join(", ")}</td>
                    <td>
                      <code title={v.sha256}>{v.sha256.slice(0, 12)}</code>
                    </td>
                    <td>
                      <a href={`${base}/versions/${v.version}/yaml`} download>
                        YAML <span className="sr-only">of version {v.version}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

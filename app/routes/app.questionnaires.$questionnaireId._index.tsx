import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { QuestionnaireBuilderPage } from "~/components/questionnaire-builder-page";
import { staffT } from "~/i18n/staff-catalogs.server";
import { languageName, LOCALES, type Locale } from "~/i18n/locale";
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
import { failure, parseForm, translated } from "~/utils/form.server";
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];
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
    title: `${builder.questionnaire.title} · valuebench`,
    filter: TYPES.find((t) => t === type) ?? null,
    editing: builder.values.flatMap((v) => v.customItems).find((item) => item.id === editId) ?? null,
    versions: await listVersions(user.organizationId, id),
    // Named on the server, in the reader's language (the browser's ICU may name them differently).
    languageNames: Object.fromEntries(LOCALES.map((code) => [code, languageName(code, user.locale)])),
  };
}

export type BuilderLoader = typeof loader;
export type BuilderAction = typeof action;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.$questionnaireId._index");
  const actor = { userId: user.id, label: user.email };
  const orgId = user.organizationId;
  const locale = user.locale;
  const t = staffT(locale, "questionnaires");
  const id = params.questionnaireId ?? "";
  await getQuestionnaire(orgId, id); // 404 before reading the form
  const intent = await readIntent(request);
  if (intent === "publish") {
    const parsed = await parseForm(request, publishSchema, { locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const languagesConfirmed = parsed.data.confirmLanguages === "yes";
    const result = await publishQuestionnaire(orgId, id, actor, { languagesConfirmed, locale });
    if (!result.ok) {
      const languageWarnings = "missingLanguages" in result ? result.missingLanguages.lines : null;
      return data({ ...failure(result.message), intent, languageWarnings }, languageWarnings ? 409 : 400);
    }
    const message =
      result.locales.length === 1
        ? t("messages.publishedEnglishOnly", { version: result.version })
        : t("messages.published", { version: result.version, count: result.locales.length });
    return { ok: true as const, intent, message };
  }
  if (intent === "add-custom") {
    const parsed = await parseForm(request, customItemSchema, { locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    const itemId = await addCustomItem(orgId, id, parsed.data, actor);
    return { ok: true as const, intent, message: t("messages.customAdded", { item: itemId }) };
  }
  if (intent === "edit-custom" || intent === "save-probes") {
    return contentAction(request, { orgId, id, actor, locale }, intent);
  }
  const parsed = await parseForm(request, saveDraftSchema, { arrays: DRAFT_ARRAY_FIELDS, locale });
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
      if (error instanceof ContentEditError) return data({ ...failure(translated(error.text, locale)), intent }, 400);
      throw error;
    }
  }
  if (parsed.data.intent.startsWith("remove:")) {
    const itemId = parsed.data.intent.slice("remove:".length);
    await removeCustomItem(orgId, id, itemId, actor);
    return { ok: true as const, intent, message: t("messages.customRemoved", { item: itemId }) };
  }
  return { ok: true as const, intent, message: t("messages.draftSaved") };
}

/** Editing a custom item's texts or a value's probes: validated, written, or a message naming what is wrong. */
async function contentAction(
  request: Request,
  at: { orgId: string; id: string; actor: { userId: string; label: string }; locale: Locale },
  intent: "edit-custom" | "save-probes",
) {
  const { orgId, id, actor, locale } = at;
  const t = staffT(locale, "questionnaires");
  try {
    if (intent === "edit-custom") {
      const parsed = await parseForm(request, editCustomItemSchema, { locale });
      if (!parsed.ok) return data({ ...parsed, intent }, 400);
      await editCustomItem(orgId, id, editCustomItemInput(parsed.data), actor);
      return { ok: true as const, intent, message: t("messages.customSaved", { item: parsed.data.itemId }) };
    }
    const parsed = await parseForm(request, probesSchema, { locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    await saveValueProbes(orgId, id, parsed.data, actor);
    return { ok: true as const, intent, message: t("messages.probesSaved") };
  } catch (error) {
    if (error instanceof ContentEditError) return data({ ...failure(translated(error.text, locale)), intent }, 400);
    throw error;
  }
}

export default function QuestionnaireBuilder() {
  return <QuestionnaireBuilderPage types={TYPES} />;
}

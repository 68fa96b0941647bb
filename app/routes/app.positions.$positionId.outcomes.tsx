import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OutcomesPage, type OutcomesActionData } from "~/components/outcomes-page";
import { staffT } from "~/i18n/staff-catalogs.server";
import {
  createMetric,
  MetricExistsError,
  outcomesOverview,
  uploadOutcomeValues,
  uploadRatings,
} from "~/models/outcomes.server";
import { getPositionHeading } from "~/models/position.server";
import { keyedProblem } from "~/questionnaire/csv-problem-text";
import { readIntent } from "~/utils/form-intent.server";
import { failure, parseForm } from "~/utils/form.server";
import { MIN_RATINGS } from "~/utils/outcomes-csv";
import { metricSchema, readOutcomesUpload } from "~/utils/schemas/outcomes.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.outcomes");
  const overview = await outcomesOverview(user.organizationId, params.positionId ?? "");
  const t = staffT(user.locale, "outcomes");
  // MIN_RATINGS travels with the data, so the page's bundle needs none of the CSV parsers
  return {
    ...overview,
    minRatings: MIN_RATINGS,
    title: `${t("page.title")} · ${overview.position.title} · valuebench`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.outcomes");
  const position = await getPositionHeading(user.organizationId, params.positionId ?? "");
  const t = staffT(user.locale, "outcomes");
  const actor = { userId: user.id, label: user.email };
  const intent = await readIntent(request);
  if (intent === "create-metric") {
    const parsed = await parseForm(request, metricSchema, { locale: user.locale });
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    try {
      const { intent: _intent, ...input } = parsed.data;
      const metric = await createMetric(user.organizationId, input, actor);
      return data({
        ok: true as const,
        intent,
        message: t("metric.created", { label: metric.label, key: metric.key }),
      });
    } catch (error) {
      if (error instanceof MetricExistsError) {
        return data({ ...failure(null, { key: [t.message(error.keyed)] }, parsed.data), intent }, 409);
      }
      throw error;
    }
  }
  if (intent !== "upload-values" && intent !== "upload-ratings") {
    return data({ ...failure(t("unknownAction")), intent }, 400);
  }
  const read = await readOutcomesUpload(request);
  if (!read.ok) return data({ ...read, formError: read.formError && t.message(read.formError), intent }, 400);
  const upload = read.data;
  const options = { problemText: keyedProblem };
  const result =
    upload.intent === "upload-values"
      ? await uploadOutcomeValues(user.organizationId, position.id, upload.csv, actor, options)
      : await uploadRatings(user.organizationId, position.id, upload.metric, upload.csv, actor, options);
  if (!result.ok) {
    return data(
      {
        ...failure(t("upload.nothingSaved", { count: result.problems.length }), {}, upload),
        intent,
        // the problems in the reader's language
        problems: result.problems.map((p) => ({ ...p, message: t.message(p.message) })),
        unknownMetrics: result.unknownMetrics,
      },
      400,
    );
  }
  return data({ ok: true as const, intent, result });
}

export default function Outcomes() {
  const overview = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as OutcomesActionData | undefined;
  return <OutcomesPage overview={overview} actionData={actionData} />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OutcomesPage, type OutcomesActionData } from "~/components/outcomes-page";
import {
  createMetric,
  MetricExistsError,
  outcomesOverview,
  uploadOutcomeValues,
  uploadRatings,
} from "~/models/outcomes.server";
import { getPositionHeading } from "~/models/position.server";
import { readIntent } from "~/utils/form-intent.server";
import { failure, parseForm } from "~/utils/form.server";
import { metricSchema, readOutcomesUpload } from "~/utils/schemas/outcomes.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Outcomes${data ? ` · ${data.position.title}` : ""} · valuebench` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.outcomes");
  return outcomesOverview(user.organizationId, params.positionId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.outcomes");
  const position = await getPositionHeading(user.organizationId, params.positionId ?? "");
  const actor = { userId: user.id, label: user.email };
  const intent = await readIntent(request);
  if (intent === "create-metric") {
    const parsed = await parseForm(request, metricSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, 400);
    try {
      const { intent: _intent, ...input } = parsed.data;
      const metric = await createMetric(user.organizationId, input, actor);
      return data({ ok: true as const, intent, message: `Metric ${metric.label} (${metric.key}) created.` });
    } catch (error) {
      if (error instanceof MetricExistsError) {
        return data({ ...failure(null, { key: [error.message] }, parsed.data), intent }, 409);
      }
      throw error;
    }
  }
  if (intent !== "upload-values" && intent !== "upload-ratings") {
    return data({ ...failure("Unknown action."), intent }, 400);
  }
  const read = await readOutcomesUpload(request);
  if (!read.ok) return data({ ...read, intent }, 400);
  const upload = read.data;
  const result =
    upload.intent === "upload-values"
      ? await uploadOutcomeValues(user.organizationId, position.id, upload.csv, actor)
      : await uploadRatings(user.organizationId, position.id, upload.metric, upload.csv, actor);
  if (!result.ok) {
    const count = result.problems.length;
    return data(
      {
        ...failure(`Nothing was saved: the upload has ${count} problem${count === 1 ? "" : "s"}.`, {}, upload),
        intent,
        problems: result.problems,
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

// Outcomes through the public API (issue 20): the JSON rows go through exactly the outcomes page's validation and
// write (uploadOutcomeValues, the `email,metric,value` upload), so the rules cannot differ; the upload's problems
// (row, column) come back as JSON pointers into the request (/outcomes/<index>/<field>).
import { uploadOutcomeValues, type UploadResult } from "~/models/outcomes.server";
import type { ApiContext } from "~/utils/api/auth.server";
import type { ProblemFieldError } from "~/utils/api/problem.server";
import { toCsv } from "~/utils/csv";

type OutcomeInput = { email: string; metric: string; value: number };

/** Writes the outcomes, all or nothing; `errors` name each refused field. */
export async function postOutcomesByApi(
  ctx: ApiContext,
  positionId: string,
  outcomes: readonly OutcomeInput[],
): Promise<
  { ok: true; metrics: Extract<UploadResult, { ok: true }>["metrics"] } | { ok: false; errors: ProblemFieldError[] }
> {
  const csv = toCsv([["email", "metric", "value"], ...outcomes.map((o) => [o.email, o.metric, String(o.value)])]);
  const result = await uploadOutcomeValues(ctx.organizationId, positionId, csv, ctx.actor);
  if (result.ok) return { ok: true, metrics: result.metrics };
  return {
    ok: false,
    // CSV row 2 is the first outcome (row 1 is the header the API writes itself)
    errors: result.problems.map((p) => ({
      pointer: p.row >= 2 ? `/outcomes/${p.row - 2}/${p.column}` : "/outcomes",
      detail: p.message,
    })),
  };
}

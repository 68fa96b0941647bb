import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { firstUnansweredPage, requireRespondent } from "~/models/response.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";

/** Resume: the first page with an unanswered question, the review once all are answered, the end once submitted. */
export async function loader({ request }: LoaderFunctionArgs) {
  const respondent = await requireRespondent(request);
  if (respondent.submittedAt) throw redirect("/r/done", { headers: PRIVATE_HEADERS });
  const page = firstUnansweredPage(respondent.shape, respondent.answers);
  throw redirect(page === null ? "/r/review" : `/r/${page + 1}`, { headers: PRIVATE_HEADERS });
}

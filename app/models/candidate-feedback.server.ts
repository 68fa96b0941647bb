// What a candidate may see of their own result on the feedback page: only when the organization turned that on
// (organizations.show_scores_to_candidates), only for a submitted candidate with a current score, and only as a band
// per value — never a raw percentile. The bands come from the stored score (the engine's result); nothing is computed.
import { serverT } from "~/i18n/catalogs.server";
import type { Respondent } from "~/models/response.server";
import { getCurrentScore } from "~/models/score.server";

export type FeedbackBand = "above" | "within" | "below" | "unknown";

export type CandidateScoreFeedback = {
  heading: string;
  intro: string;
  /** One sentence per value, in the questionnaire's order. */
  values: { id: string; band: FeedbackBand; sentence: string }[];
};

/** The band sentences for the feedback page, translated into the respondent's language, or null when not shown. */
export async function candidateScoreFeedback(
  respondent: Pick<
    Respondent,
    | "kind"
    | "showScores"
    | "submittedAt"
    | "organizationId"
    | "organizationName"
    | "responseId"
    | "shape"
    | "locale"
    | "translation"
  >,
): Promise<CandidateScoreFeedback | null> {
  if (respondent.kind !== "candidate" || !respondent.showScores || !respondent.submittedAt) return null;
  const score = await getCurrentScore(respondent.organizationId, respondent.responseId);
  if (!score) return null;
  const t = serverT(respondent.locale);
  const values = respondent.shape.q.values.map((v) => {
    const result = score.result.values[v.id];
    const band: FeedbackBand = result?.band ?? "unknown";
    const name = respondent.translation?.values[v.id]?.name ?? v.name;
    return { id: v.id, band, sentence: t(`done.scores.${band}`, { value: name }) };
  });
  return {
    heading: t("done.scores.heading"),
    intro: t("done.scores.intro", { organization: respondent.organizationName }),
    values,
  };
}

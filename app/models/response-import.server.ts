import { recordAudit } from "~/models/audit.server";
import { getPosition } from "~/models/position.server";
import {
  DEFAULT_MAX_PROBLEMS,
  parseResponsesCsv,
  ResponsesCsvError,
  type CsvProblem,
} from "~/questionnaire/responses-csv";
import { englishProblem, type ProblemText } from "~/questionnaire/csv-problem-text";
import { parseStoredQuestionnaire } from "~/questionnaire/stored";
import { RESPONDENT_COLUMN } from "~/questionnaire/types";
import { getDb, nowIso } from "~/utils/db.server";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { newId } from "~/utils/tokens.server";

export type ImportResult = { ok: true; imported: number } | { ok: false; problems: CsvProblem[]; truncated: boolean };

/**
 * Imports agents' answers from a responses CSV (SCORING.md section 2) for a position, e.g. from a paper run.
 * The whole file is validated against the position's questionnaire version first; any problem (with its row and
 * column) means nothing is imported. Valid files are written in one transaction as submitted agent responses with
 * source "import" and the respondent column as label. Problems are worded by `problemText` (English by default;
 * `keyedProblem` for a page that translates them for its reader).
 */
export async function importAgentResponses(
  orgId: string,
  positionId: string,
  csvText: string,
  actor: { userId: string; label: string },
  options: { now?: Date; problemText?: ProblemText } = {},
): Promise<ImportResult> {
  const { now = new Date(), problemText = englishProblem } = options;
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const position = await getPosition(orgId, positionId, trx);
      const version = await trx
        .selectFrom("questionnaire_versions")
        .select(["content_json"])
        .where("organization_id", "=", orgId)
        .where("id", "=", position.questionnaireVersionId)
        .executeTakeFirstOrThrow();
      const q = parseStoredQuestionnaire(version.content_json);
      let parsed;
      try {
        parsed = parseResponsesCsv(csvText, q, { groupColumn: true, problemText });
      } catch (error) {
        if (error instanceof ResponsesCsvError)
          return { ok: false, problems: error.problems, truncated: error.truncated };
        throw error;
      }
      if (parsed.respondents.length === 0) {
        return {
          ok: false,
          problems: [{ row: 2, column: null, message: problemText("noAnswers") }],
          truncated: false,
        };
      }
      // The respondent column becomes the agent's label, shown on the benchmark page: capped like every name.
      const longLabels = parsed.respondents.filter((r) => r.respondent.length > TEXT_LIMITS.name);
      if (longLabels.length > 0) {
        return {
          ok: false,
          problems: longLabels.slice(0, DEFAULT_MAX_PROBLEMS).map((r) => ({
            row: r.row,
            column: RESPONDENT_COLUMN,
            message: problemText("labelTooLong", { max: TEXT_LIMITS.name }),
          })),
          truncated: longLabels.length > DEFAULT_MAX_PROBLEMS,
        };
      }
      let index = 0;
      for (const r of parsed.respondents) {
        // One millisecond apart, so ordering by submission time keeps the file's row order.
        const at = nowIso(new Date(now.getTime() + index++));
        const answers = Object.fromEntries(Object.entries(r.answers).filter(([, v]) => v !== null && v !== undefined));
        await trx
          .insertInto("responses")
          .values({
            id: newId(),
            organization_id: orgId,
            position_id: positionId,
            invitation_id: null,
            kind: "agent",
            // the optional group column: top agents (the default) or comparison agents (issue 17)
            agent_group: r.group ?? "top",
            respondent_label: r.respondent,
            questionnaire_version_id: position.questionnaireVersionId,
            source: "import",
            answers_json: JSON.stringify(answers),
            page_times_json: "{}",
            consent_at: null,
            started_at: at,
            updated_at: at,
            submitted_at: at,
          })
          .execute();
      }
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "responses.imported",
          targetType: "position",
          targetId: positionId,
          details: {
            kind: "agent",
            count: parsed.respondents.length,
            comparison: parsed.respondents.filter((r) => r.group === "comparison").length,
          },
        },
        trx,
      );
      return { ok: true, imported: parsed.respondents.length };
    });
}

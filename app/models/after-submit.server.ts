import { runScoringJob } from "./scoring-jobs.server";

/**
 * Called by the answering flow once a response is submitted (after its "to score" mark has committed). A candidate
 * of a position with an active benchmark is scored at once and the mark cleared; a failure stays on the mark with
 * its error (scoring-jobs.server.ts). Agents have no mark; positions without an active benchmark get scored when one
 * is activated.
 */
export async function afterResponseSubmitted(organizationId: string, responseId: string): Promise<void> {
  await runScoringJob(organizationId, responseId, { onlyIfMarked: false });
}

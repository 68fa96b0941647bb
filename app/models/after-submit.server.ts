import { scoreResponse } from "./score.server";

/**
 * Called by the answering flow once a response is submitted. A candidate of a position with an active benchmark is
 * scored at once; agents and positions without an active benchmark get nothing here (activation scores them later).
 */
export async function afterResponseSubmitted(organizationId: string, responseId: string): Promise<void> {
  await scoreResponse(organizationId, responseId);
}

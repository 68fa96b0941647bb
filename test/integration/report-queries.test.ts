// The fit report's reads are batched (issue 19): on PostgreSQL every query is a network round trip, so the number of
// queries and of sequential rounds is pinned here; a regression to a query per value, per decision or per agent (or
// to reads that wait for each other) fails. The counts are worked out from fit-report-data.server.ts.
import { afterEach, describe, expect, it } from "vitest";
import { recordDecision } from "../../app/models/decision.server";
import { getFitReport, getFitReportPage } from "../../app/models/fit-report.server";
import { setDb } from "../../app/utils/db.server";
import * as appLayout from "../../app/routes/app";
import * as positionLayout from "../../app/routes/app.positions.$positionId";
import * as reportRoute from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, sessionCookieFor } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";

const testDb = withTestDatabase();

/**
 * Counts the queries a call sends and the rounds they go out in: a query sent before any result of the queries
 * already sent has come back rides in the same round (Promise.all); one sent after a result starts a new round.
 * Counted at the query executor, which every query passes (built ones and those compiled once and reused).
 */
async function countQueries<T>(run: () => Promise<T>): Promise<{ value: T; queries: number; rounds: number }> {
  let results = 0;
  const resultsSeenAtSend: number[] = [];
  // A Kysely instance of its own (same database), so the patched executor serves this call only.
  const counted = testDb.db().withPlugin({
    transformQuery: (args) => args.node,
    transformResult: async (args) => args.result,
  });
  const executor = counted.getExecutor();
  const send = executor.executeQuery.bind(executor);
  executor.executeQuery = ((...args: Parameters<typeof send>) => {
    resultsSeenAtSend.push(results);
    return send(...args).finally(() => {
      results += 1;
    });
  }) as typeof executor.executeQuery;
  setDb(counted);
  try {
    const value = await run();
    return { value, queries: resultsSeenAtSend.length, rounds: new Set(resultsSeenAtSend).size };
  } finally {
    setDb(testDb.db());
  }
}

afterEach(() => setDb(testDb.db()));

describe("fit report reads", () => {
  it("reads a scored candidate in one round of four queries, whatever the number of decisions and values", async () => {
    const org = await makeOrganization("Batch Co");
    const recruiter = await makeUser(org.id, "recruiter");
    const position = await makeResultsPosition(org.id);
    const candidate = await addCandidate(org.id, position, exampleCandidates().c02, "Cole Two");
    const actor = { id: recruiter.id, email: recruiter.email };
    for (const decision of ["hold", "advance", "reject"] as const) {
      await recordDecision(org.id, position.positionId, candidate.responseId, { decision, note: "" }, actor);
    }
    const read = () => getFitReportPage(org.id, position.positionId, candidate.responseId, "en");

    // First read in this process: the benchmark snapshot is not cached yet, so it is read after the batch (the
    // questionnaire content was cached when the candidate was scored).
    const cold = await countQueries(read);
    expect(cold).toMatchObject({ queries: 5, rounds: 2 });
    // Then: the candidate row (position, score, benchmark, version, reviewer joined), the organization's value
    // names, the decisions and the position's agents' languages, all sent together.
    const warm = await countQueries(read);
    expect(warm).toMatchObject({ queries: 4, rounds: 1 });
    expect(warm.value.decisions).toHaveLength(3);
    expect(warm.value.values).toHaveLength(3);
    expect(warm.value.scenarios.length).toBeGreaterThan(0);
    // 13 example agents, one excluded by its hard flag: 12 included, all answered in English.
    expect(warm.value.language).toMatchObject({ locale: "en", agentsByLocale: { en: 12 }, crossLanguage: false });
    // The API's report needs no languages: three queries.
    const api = await countQueries(() => getFitReport(org.id, position.positionId, candidate.responseId));
    expect(api).toMatchObject({ queries: 3, rounds: 1 });
  });

  it("answers 404 for another organization's candidate after the same single round", async () => {
    const org = await makeOrganization("Owner Co");
    const other = await makeOrganization("Other Co");
    const position = await makeResultsPosition(org.id);
    const candidate = await addCandidate(org.id, position, exampleCandidates().c01, "Cara One");
    const read = await countQueries(() =>
      getFitReportPage(other.id, position.positionId, candidate.responseId, "en").then(
        () => 200,
        (error: unknown) => (error instanceof Response ? error.status : error),
      ),
    );
    expect(read).toMatchObject({ value: 404, queries: 4, rounds: 1 });
  });

  it("serves the page's three loaders, run together as Remix runs them, with one session read and one batch", async () => {
    const org = await makeOrganization("Page Co");
    const recruiter = await makeUser(org.id, "recruiter");
    const position = await makeResultsPosition(org.id);
    const candidate = await addCandidate(org.id, position, exampleCandidates().c01, "Cara One");
    const cookie = await sessionCookieFor(recruiter.id);
    const params = { positionId: position.positionId, responseId: candidate.responseId };
    const pathname = `/app/positions/${params.positionId}/candidates/${params.responseId}`;
    const page = () =>
      Promise.all(
        [appLayout.loader, positionLayout.loader, reportRoute.loader].map((loader) =>
          loader({ request: getRequest(pathname, cookie), params, context: {} }),
        ),
      );
    await page(); // the snapshot is cached from here on
    // Round 1: the session (with user and organization), read once for the three loaders. Round 2: the position's
    // heading and the report's four queries.
    expect(await countQueries(page)).toMatchObject({ queries: 6, rounds: 2 });
  });
});

import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../app/utils/csv";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, sessionCookieFor } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";
import * as exportRoute from "../../app/routes/app.positions.$positionId.results[.csv]";

const testDb = withTestDatabase();

describe("CSV cells", () => {
  it("prefix formula starts with a quote and quote cells with commas, quotes or line breaks", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvCell("\tTab")).toBe("'\tTab");
    expect(csvCell("\rCR")).toBe('"\'\rCR"');
    expect(csvCell("Smith, Jo")).toBe('"Smith, Jo"');
    expect(csvCell('Jo "JJ" Smith')).toBe('"Jo ""JJ"" Smith"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("Ann Lee")).toBe("Ann Lee");
    expect(csvCell(90.6)).toBe("90.6");
    expect(csvCell(null)).toBe("");
    expect(
      toCsv([
        ["a", "b"],
        ["c", null],
      ]),
    ).toBe("a,b\r\nc,\r\n");
  });
});

async function download(positionId: string, search: string, cookie: string) {
  return outcome(() =>
    exportRoute.loader({
      request: getRequest(`/app/positions/${positionId}/results.csv${search}`, cookie),
      params: { positionId },
      context: {},
    }),
  );
}

describe("results CSV export", () => {
  it("exports the filtered list with one column per value, escaped, as an audited attachment", async () => {
    const org = await makeOrganization("Northwind");
    const recruiter = await makeUser(org.id, "recruiter");
    const cookie = await sessionCookieFor(recruiter.id);
    const position = await makeResultsPosition(org.id);
    const answers = exampleCandidates();
    await addCandidate(org.id, position, answers.c01, '=HYPERLINK("http://evil.test","click")');
    await addCandidate(org.id, position, answers.c02, "-1+2");
    await addCandidate(org.id, position, answers.c03, "@SUM(A1:A9)");
    await addCandidate(org.id, position, answers.c06, 'Lee, "Jo"\nSmith');
    await addCandidate(org.id, position, answers.c05, "Straight Liner");

    const res = await exportRoute.loader({
      request: getRequest(`/app/positions/${position.positionId}/results.csv`, cookie),
      params: { positionId: position.positionId },
      context: {},
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="support-agent-results.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // a UTF-8 byte order mark so spreadsheets read accented names correctly
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Candidate,Submitted,Status,Overall alignment,Min alignment,Weakest value," +
        "Empathy score,Empathy percentile,Empathy 95% interval,Empathy band,Empathy alignment," +
        "Patience score,Patience percentile,Patience 95% interval,Patience band,Patience alignment," +
        "Pace score,Pace percentile,Pace 95% interval,Pace band,Pace alignment,Flags,Review,Decision",
    );
    // ranked by overall: c01 90.6, c03 55.1, c06 38.8, c02 22.6; then c05 15.8, waiting for review (one decimal).
    // Per value: score, percentile, 95% interval (rounded outward), band read with the direction, alignment. c01:
    // empathy 99.7th percentile (97.53–100) above; patience 83.8th (63.36–96.24) within, uncertain; pace (target)
    // 31.2nd (13.13–53.65) within.
    expect(lines[1]).toMatch(
      /^"'=HYPERLINK\(""http:\/\/evil\.test"",""click""\)",[^,]+,scored,90\.6,62\.4,Pace,[\d.]+,99\.7,97–100,above,100,[\d.]+,83\.8,63–97,"within, uncertain",100,[\d.]+,31\.2,13–54,within,62\.4,,not needed,$/,
    );
    // c03: pace at the 89.9th percentile (72.07–98.64) of a target value: within, uncertain
    expect(lines[2]).toMatch(
      /^'@SUM\(A1:A9\),[^,]+,scored,55\.1,0\.1,Patience,.*,89\.9,72–99,"within, uncertain",20\.2,,not needed,$/,
    );
    // the line break inside the quoted name is a bare LF; records end with CRLF
    expect(lines[3]).toMatch(/^"Lee, ""Jo""\nSmith",[^,]+,scored,38\.8,/);
    expect(lines[4]).toMatch(/^'-1\+2,/);
    expect(lines[5]).toMatch(
      /^Straight Liner,[^,]+,scored,15\.8,0,Empathy,.*,0,.*,0\.8,.*,62\.4,long-string; no-variance; attention,Needs review,$/,
    );
    expect(lines[6]).toBe("");

    const audit = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "results.exported")
      .where("target_id", "=", position.positionId)
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(recruiter.id);
    expect(JSON.parse(audit.details_json)).toMatchObject({ rows: 5 });

    const filtered = await download(position.positionId, "?review=1&page=3", cookie);
    const filteredLines = (filtered.data as string).split("\r\n");
    expect(filteredLines).toHaveLength(3);
    expect(filteredLines[1]).toMatch(/^Straight Liner,/);
  });

  it("is a 404 for another organization's position and writes no audit row", async () => {
    const org = await makeOrganization("Northwind");
    const position = await makeResultsPosition(org.id);
    const other = await makeOrganization("Contoso");
    const outsider = await makeUser(other.id, "admin");
    const res = await download(position.positionId, "", await sessionCookieFor(outsider.id));
    expect(res.status).toBe(404);
    const audits = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "results.exported")
      .where("target_id", "=", position.positionId)
      .execute();
    expect(audits).toEqual([]);
    const anonymous = await download(position.positionId, "", "");
    expect(anonymous.status).toBe(302);
  });
});

// Issue 18: the results page and its CSV in the reader's language. Numbers in the CSV stay machine-readable.
import { describe, expect, it } from "vitest";
import { setUserLanguage } from "../../app/models/staff-language.server";
import * as resultsRoute from "../../app/routes/app.positions.$positionId.results";
import * as compareRoute from "../../app/routes/app.positions.$positionId.compare";
import * as exportRoute from "../../app/routes/app.positions.$positionId.results[.csv]";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, sessionCookieFor } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";

withTestDatabase();

async function finnishRecruiter() {
  const org = await makeOrganization("Northwind");
  const recruiter = await makeUser(org.id, "recruiter");
  await setUserLanguage(org.id, recruiter.id, "fi");
  const cookie = await sessionCookieFor(recruiter.id);
  const position = await makeResultsPosition(org.id);
  return { org, cookie, position };
}

describe("results in the reader's language", () => {
  it("gives a Finnish reader a Finnish title and Finnish answer-language names", async () => {
    const { org, cookie, position } = await finnishRecruiter();
    const answers = exampleCandidates();
    const c01 = await addCandidate(org.id, position, answers.c01, "c01");
    const c03 = await addCandidate(org.id, position, answers.c03, "c03");
    const res = await outcome(() =>
      resultsRoute.loader({
        request: getRequest(`/app/positions/${position.positionId}/results`, cookie),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    const data = res.data as { title: string; languageNames: Record<string, string> };
    expect(data.title).toBe("Tulokset · Support agent · valuebench");
    expect(data.languageNames.en).toBe("englanti");
    expect(data.languageNames.fi).toBe("suomi");

    const compared = await outcome(() =>
      compareRoute.loader({
        request: getRequest(
          `/app/positions/${position.positionId}/compare?ids=${c01.responseId}&ids=${c03.responseId}`,
          cookie,
        ),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    expect((compared.data as { title: string }).title).toBe("Vertailu · Support agent · valuebench");
  });

  it("writes a Finnish reader's CSV with Finnish headers and words, and dot-decimal numbers", async () => {
    const { org, cookie, position } = await finnishRecruiter();
    const answers = exampleCandidates();
    await addCandidate(org.id, position, answers.c01, "c01");
    await addCandidate(org.id, position, answers.c03, "c03");
    await addCandidate(org.id, position, answers.c05, "c05");
    const res = await exportRoute.loader({
      request: getRequest(`/app/positions/${position.positionId}/results.csv`, cookie),
      params: { positionId: position.positionId },
      context: {},
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "Ehdokas,Lähetetty,Tila,Kokonaisyhteensopivuus,Pienin yhteensopivuus,Heikoin arvo," +
        "Empathy: pisteet,Empathy: persentiili,Empathy: 95 %:n luottamusväli,Empathy: vyöhyke,Empathy: yhteensopivuus," +
        "Patience: pisteet,Patience: persentiili,Patience: 95 %:n luottamusväli,Patience: vyöhyke,Patience: yhteensopivuus," +
        "Pace: pisteet,Pace: persentiili,Pace: 95 %:n luottamusväli,Pace: vyöhyke,Pace: yhteensopivuus,Merkinnät,Tarkistus,Päätös",
    );
    // The same numbers as the English export (test/integration/export.test.ts), one decimal with a dot, the date ISO:
    // c01 overall 90.6 = (2*100 + 100 + 62.42) / 4 rounded; empathy 99.7th percentile (97.53–100) above; patience
    // 83.8th (63.36–96.24) within, uncertain; pace (a target value) 31.2nd (13.13–53.65) within.
    expect(lines[1]).toMatch(
      /^c01,\d{4}-\d{2}-\d{2}T[\d:.]+Z,pisteytetty,90\.6,62\.4,Pace,[\d.]+,99\.7,97–100,yli,100,[\d.]+,83\.8,63–97,"sisällä, epävarma",100,[\d.]+,31\.2,13–54,sisällä,62\.4,,ei tarpeen,$/,
    );
    // c03: pace at the 89.9th percentile (72.07–98.64) of a target value: within, uncertain; alignment 20.2
    expect(lines[2]).toMatch(
      /^c03,[^,]+,pisteytetty,55\.1,0\.1,Patience,.*,89\.9,72–99,"sisällä, epävarma",20\.2,,ei tarpeen,$/,
    );
    // c05 waits for review (hard flags): held out of the ranking, listed after it; flag codes stay machine codes
    expect(lines[3]).toMatch(
      /^c05,[^,]+,pisteytetty,15\.8,0,Empathy,.*,0\.8,.*,62\.4,long-string; no-variance; attention,Tarkistettava,$/,
    );
    expect(lines[4]).toBe("");
  });
});

// The report sentences in the reader's language (issue 18): app/utils/report-wording.ts reads every sentence from the
// `wording` catalogs with its numbers as parameters. English stays word for word (test/integration/report.test.ts);
// here the other languages, each sentence worked out by hand from the catalogs.
import { describe, expect, it } from "vitest";
import { staffT } from "../../app/i18n/staff-catalogs.server";
import type { CandidateValueResult, ValueStats } from "../../app/scoring";
import {
  agentCountText,
  alignmentLine,
  bandReading,
  flagMeaning,
  ordinal,
  percentileWithInterval,
  probeReason,
  valueVerdict,
} from "../../app/utils/report-wording";

const en = staffT("en", "wording");
const fi = staffT("fi", "wording");
const it_ = staffT("it", "wording");
const es = staffT("es", "wording");
const sl = staffT("sl", "wording");
const ro = staffT("ro", "wording");

const stats: ValueStats = { n: 12, mean: 60, sd: 10, sdUsed: 10, median: 60, p10: 45, p90: 75 } as ValueStats;
const value = (v: Partial<CandidateValueResult>): CandidateValueResult =>
  ({
    score: 50,
    percentile: 50,
    ciLow: 30,
    ciHigh: 70,
    band: "within",
    alignment: 80,
    uncertain: false,
    ...v,
  }) as CandidateValueResult;

describe("report wording in the reader's language", () => {
  it("writes ordinals the way each language does (English by its ordinal rule)", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 62, 111].map((n) => ordinal(en, n))).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "62nd",
      "111th",
    ]);
    expect(ordinal(fi, 62)).toBe("62.");
    expect(ordinal(sl, 2)).toBe("2.");
    expect(ordinal(it_, 62)).toBe("62°");
    expect(ordinal(es, 62)).toBe("62");
  });

  it("puts the percentile and its interval (rounded outward) into each language's sentence", () => {
    const v = { percentile: 61.93, ciLow: 39.58, ciHigh: 81.55 };
    expect(percentileWithInterval(en, v)).toBe("62nd percentile, 95% interval 39–82");
    expect(percentileWithInterval(fi, v)).toBe("62. persentiili, 95 %:n luottamusväli 39–82");
    expect(percentileWithInterval(it_, v)).toBe("62° percentile, intervallo al 95% 39–82");
    expect(percentileWithInterval(es, v)).toBe("percentil 62, intervalo del 95 % 39–82");
    expect(percentileWithInterval(ro, { percentile: 0.4, ciLow: 0, ciHigh: 2.1 })).toBe(
      "sub percentila 1, interval de 95% 0–3",
    );
  });

  it("words an uncertain verdict with the band edges its interval crosses", () => {
    // 95% interval 5–95 crosses both band edges (10th and 90th percentile).
    const wide = value({ percentile: 50, ciLow: 5, ciHigh: 95, uncertain: true });
    expect(valueVerdict(en, wide, stats).sentence).toBe(
      "Within the range of your top agents, but uncertain: the 95% interval (5–95) crosses the 10th and the 90th percentile",
    );
    expect(valueVerdict(fi, wide, stats).sentence).toBe(
      "Parhaiden asiakaspalvelijoidenne vaihteluvälillä, mutta epävarma: 95 %:n luottamusväli (5–95) ylittää 10. ja 90. persentiilin",
    );
    const below = value({ band: "below", percentile: 3, ciLow: 0.2, ciHigh: 9.5 });
    expect(valueVerdict(es, below, stats).sentence).toBe("Por debajo de la mayoría de tus mejores agentes");
    expect(probeReason(es, valueVerdict(es, below, stats))).toBe("Por debajo de la mayoría de tus mejores agentes.");
    expect(valueVerdict(it_, value({ score: null }), stats).sentence).toBe(
      "Risposte insufficienti per calcolare il punteggio di questo valore",
    );
    expect(valueVerdict(sl, value({ band: null }), { ...stats, n: 4, sdUsed: null }).sentence).toBe(
      "Še ni mogoče reči: primerjalna osnova je majhna (n = 4)",
    );
  });

  it("reads a target value's band as off target, in words and the alignment line", () => {
    expect(bandReading(en, "above", "target", true).word).toBe("above (off target), uncertain");
    expect(bandReading(fi, "above", "target", true).word).toBe("yli (tavoitteen ulkopuolella), epävarma");
    expect(alignmentLine(fi, { alignment: 23.2, percentile: 11.6 }, "higher")).toBe(
      "23/100: ehdokas sijoittuu parhaiden asiakaspalvelijoidenne 12. persentiiliin; 100 tarkoittaa heidän mediaaniaan tai sen yli",
    );
  });

  it("chooses the plural form from the number of agents who answered", () => {
    expect(agentCountText(en, 0, 1)).toBe("0 of 1 agent");
    expect(agentCountText(en, 3, 7)).toBe("3 of 7 agents");
    expect(agentCountText(ro, 3, 1)).toBe("3 din 1 agent");
    expect(agentCountText(ro, 3, 7)).toBe("3 din 7 agenți");
    expect(agentCountText(ro, 3, 20)).toBe("3 din 20 de agenți");
    expect(agentCountText(it_, 3, 7)).toBe("3 su 7 agenti");
  });

  it("states each flag's threshold from the engine in every language", () => {
    expect(flagMeaning(en, "long-string", "vb-2")).toBe(
      "Gave the same answer to 8 or more statements in a row (soft flag).",
    );
    expect(flagMeaning(en, "speeding", "vb-2")).toBe(
      "Answered in under 2 seconds per question on average (median), too fast to have read them (soft flag).",
    );
    expect(flagMeaning(fi, "no-variance", "vb-1")).toBe(
      "Antoi saman vastauksen jokaiseen väittämään (vähintään 10): vastaukset eivät kerro mitään (vakava merkintä).",
    );
    expect(flagMeaning(sl, "no-variance", "vb-2")).toContain("(vsaj 6)");
  });
});

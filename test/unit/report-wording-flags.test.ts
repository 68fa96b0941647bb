// The flags' wording (app/utils/report-wording.ts): one sentence per flag, the no-variance threshold by algorithm.
import { describe, expect, it } from "vitest";
import { algorithmLabel, flagMeaning } from "../../app/utils/report-wording";
import { staffT } from "../../app/i18n/staff-catalogs.server";

const en = staffT("en", "wording");

describe("flag wording", () => {
  it("names the no-variance threshold of the score's algorithm (vb-1: 10 answers, vb-2: 6)", () => {
    expect(flagMeaning(en, "no-variance", "vb-1")).toBe(
      "Gave the same answer to every statement (at least 10): the answers carry no information (hard flag).",
    );
    expect(flagMeaning(en, "no-variance", "vb-2")).toBe(
      "Gave the same answer to every statement (at least 6): the answers carry no information (hard flag).",
    );
  });

  it("explains impression as an ideal, never a change of score", () => {
    const text = flagMeaning(en, "impression", "vb-2");
    expect(text).toMatch(/^Agreed fully with statements few people can honestly endorse/);
    expect(text).toContain("the answers may describe an ideal rather than the person");
    expect(text).toContain("Never changes a score (soft flag).");
  });

  it("labels the algorithm", () => {
    expect(algorithmLabel(en, "vb-1")).toBe("Scoring algorithm vb-1");
    expect(algorithmLabel(en, "vb-2")).toBe("Scoring algorithm vb-2");
  });
});

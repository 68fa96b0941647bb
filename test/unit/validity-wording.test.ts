// Issue 18: the validity page's sentences in the reader's language, numbers in the reader's format (worked by hand).
import { describe, expect, it } from "vitest";
import { formatterFor } from "../../app/i18n/format";
import type { Locale } from "../../app/i18n/locale";
import { staffT } from "../../app/i18n/staff-catalogs.server";
import type { ContrastValue, Correlation } from "../../app/scoring";
import {
  contrastSentence,
  correlationText,
  criticalSentence,
  outcomePlanningSentence,
  planningSentence,
  readingLabel,
  validitySummaryIn,
  verdictMarkIn,
  verdictNoteIn,
  weightAdvice,
} from "../../app/utils/validity-wording";

const LIMITS = { minContrastN: 5, minCorrelationN: 10, minHires: 10, power: 0.8 };
const PLANNING = { d: 0.5, agentsPerGroup: 64, r: 0.3, people: 85 };
const words = (locale: Locale) => ({ t: staffT(locale, "fairness"), f: formatterFor(locale) });

const contrast = (over: Partial<ContrastValue>): ContrastValue => ({
  nTop: 13,
  nComparison: 8,
  meanTop: 70,
  meanComparison: 60,
  sdPooled: 10,
  d: 0.84,
  g: 0.81,
  ciLow: 0.12,
  ciHigh: 1.56,
  verdict: "distinguishes",
  ...over,
});
const r42: Correlation = { n: 19, r: 0.42, ciLow: 0.1, ciHigh: 0.66, p: 0.07, rCritical: 0.4555 };

describe("validity wording", () => {
  it("keeps the English sentences word for word", () => {
    const { t, f } = words("en");
    expect(contrastSentence(t, f, "Empathy", contrast({}), LIMITS)).toBe(
      "Empathy separates your top agents from the others: they score 0.8 standard deviations higher, 95% interval 0.1 to 1.6.",
    );
    // reversed: the comparison agents' side, signs flipped (d −0.84 -> 0.8; interval −1.56..−0.12 -> 0.1 to 1.6)
    expect(
      contrastSentence(t, f, "Calm", contrast({ d: -0.84, ciLow: -1.56, ciHigh: -0.12, verdict: "reversed" }), LIMITS),
    ).toBe(
      "Calm goes the other way: your comparison agents score 0.8 standard deviations higher than your top agents, 95% interval 0.1 to 1.6.",
    );
    expect(
      contrastSentence(t, f, "Calm", contrast({ d: 0.2, ciLow: -0.35, ciHigh: 0.75, verdict: "unclear" }), LIMITS),
    ).toBe("Calm does not yet separate them: with 13 and 8 agents the interval runs from −0.35 to 0.75.");
    expect(contrastSentence(t, f, "Calm", contrast({ nComparison: 3, d: null, verdict: null }), LIMITS)).toBe(
      "Calm cannot be compared yet: it needs at least 5 top agents and 5 comparison agents with a score (now 13 and 3).",
    );
    expect(correlationText(t, f, { ...r42, r: -0.05, ciLow: -0.5, ciHigh: 0.42 })).toBe("−0.05 (−0.50 to 0.42)");
    expect(criticalSentence(t, f, 19, 0.4555)).toBe(
      "With 19 agents, only correlations beyond ±0.46 are distinguishable from zero.",
    );
    expect(readingLabel(t, "too-few", LIMITS)).toBe("too few people (at least 10)");
    expect(planningSentence(t, f, PLANNING, LIMITS)).toBe(
      "To see a medium difference (d = 0.5) at 80% power you need about 64 agents in each group; with fewer, a value that matters can still look unclear.",
    );
    expect(outcomePlanningSentence(t, f, PLANNING, LIMITS)).toBe(
      "To see a correlation of r = 0.30 at 80% power you need about 85 people.",
    );
    expect(weightAdvice(t, ["Calm"], "Calm")).toBe(
      "Calm neither separates your top agents nor goes with an outcome so far. Consider lowering its weight in the next version of the questionnaire.",
    );
    expect(weightAdvice(t, [], "")).toBe(
      "Every value with enough data separates your top agents or goes with an outcome.",
    );
  });

  it("reads Finnish with decimal commas and Finnish percent (no-break space, as Intl writes it)", () => {
    const { t, f } = words("fi");
    expect(contrastSentence(t, f, "Empatia", contrast({}), LIMITS)).toBe(
      "Empatia erottaa parhaat asiakaspalvelijanne muista: heidän pisteensä ovat 0,8 keskihajontaa korkeammat, 95\u00a0%:n luottamusväli 0,1–1,6.",
    );
    expect(correlationText(t, f, r42)).toBe("0,42 (0,10–0,66)");
    expect(correlationText(t, f, { ...r42, r: -0.05, ciLow: -0.5, ciHigh: 0.42 })).toBe("−0,05 (−0,50–0,42)");
    expect(criticalSentence(t, f, 19, 0.4555)).toBe(
      "Kun asiakaspalvelijoita on 19, vain yli ±0,46:n korrelaatiot erottuvat nollasta.",
    );
    expect(outcomePlanningSentence(t, f, PLANNING, LIMITS)).toBe(
      "Korrelaation r = 0,30 havaitsemiseen 80\u00a0%:n voimakkuudella tarvitaan noin 85 henkilöä.",
    );
  });

  it("chooses each language's plural form", () => {
    // Slovenian: 1 one, 2 two, 3 few, 5 other; Romanian: 19 few, 20 other ("de").
    const sl = words("sl");
    expect(planningSentence(sl.t, sl.f, { ...PLANNING, agentsPerGroup: 2 }, LIMITS)).toContain("približno 2 agenta v");
    expect(planningSentence(sl.t, sl.f, { ...PLANNING, agentsPerGroup: 3 }, LIMITS)).toContain("približno 3 agente v");
    expect(planningSentence(sl.t, sl.f, PLANNING, LIMITS)).toContain("približno 64 agentov v");
    const ro = words("ro");
    expect(criticalSentence(ro.t, ro.f, 19, 0.4555)).toBe(
      "Cu 19 agenți, doar corelațiile dincolo de ±0,46 se pot distinge de zero.",
    );
    expect(criticalSentence(ro.t, ro.f, 20, 0.444)).toBe(
      "Cu 20 de agenți, doar corelațiile dincolo de ±0,44 se pot distinge de zero.",
    );
  });
});

describe("the notes other pages show", () => {
  const contrastOf = (agents: number, verdicts: ContrastValue["verdict"][]) => ({
    agents,
    excluded: [],
    values: Object.fromEntries(verdicts.map((v, i) => [`v${i}`, contrast({ verdict: v })])),
  });

  it("match the English wording and translate", () => {
    const en = staffT("en", "fairness");
    expect(verdictNoteIn(en, "unclear")).toBe(
      "Not shown to separate your top agents from the others yet: weigh it lightly.",
    );
    expect(verdictNoteIn(en, "reversed")).toBe(
      "Your comparison agents score higher on this value than your top agents.",
    );
    expect(verdictMarkIn(en, "unclear")).toBe("not shown to matter yet");
    expect(verdictMarkIn(en, "reversed")).toBe("comparison agents higher");
    for (const v of ["distinguishes", null, undefined] as const) {
      expect(verdictNoteIn(en, v)).toBeNull();
      expect(verdictMarkIn(en, v)).toBeNull();
    }
    const none =
      "No comparison agents yet: invite ordinary members of the team to see which values separate your top agents.";
    expect(validitySummaryIn(en, null, 3, 5)).toBe(none);
    expect(validitySummaryIn(en, contrastOf(0, []), 3, 5)).toBe(none);
    expect(validitySummaryIn(en, contrastOf(1, [null, null]), 3, 5)).toBe(
      "1 comparison agent so far: at least 5 top and 5 comparison agents with a score are needed to compare.",
    );
    expect(validitySummaryIn(en, contrastOf(4, [null, null]), 3, 5)).toBe(
      "4 comparison agents so far: at least 5 top and 5 comparison agents with a score are needed to compare.",
    );
    expect(validitySummaryIn(en, contrastOf(9, ["distinguishes", "unclear"]), 3, 5)).toBe(
      "1 of 3 values separate your top agents from the 9 comparison agents so far.",
    );
    const fi = staffT("fi", "fairness");
    expect(validitySummaryIn(fi, contrastOf(9, ["distinguishes", "unclear"]), 3, 5)).toBe(
      "Tähän mennessä 1/3 arvoa erottaa parhaat asiakaspalvelijanne 9 vertailuryhmän asiakaspalvelijasta.",
    );
    expect(verdictMarkIn(fi, "reversed")).toBe("vertailuryhmä korkeampi");
  });
});

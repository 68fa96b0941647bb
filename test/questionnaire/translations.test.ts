// localizeItem (app/questionnaire/translations.ts): a translation replaces texts only, for every kind of item.
import { describe, expect, it } from "vitest";
import { localizeItem, type VersionTranslation } from "../../app/questionnaire/translations";
import type { AttentionItem, LikertItem, VirtueItem } from "../../app/questionnaire/types";

const scale = { min: 1, max: 5 };
const likert: LikertItem = { id: "pat-01", type: "likert", text: "I stay calm.", keyed: "plus", scale };
const attention: AttentionItem = { id: "att-01", text: "Please answer 'Agree' here.", expect: 4, scale };
const virtue: VirtueItem = { id: "vir-01", text: "I have never been impatient with anyone.", scale };

const it_: VersionTranslation = {
  values: {},
  items: { "pat-01": "Mantengo la calma." },
  attention: { "att-01": "Per favore, qui rispondi «D'accordo»." },
  virtues: { "vir-01": "Non ho mai perso la pazienza con nessuno." },
  probes: {},
};

describe("localizeItem", () => {
  it("translates value, attention and virtue items by id, keeping ids and scales", () => {
    expect(localizeItem(likert, it_)).toEqual({ ...likert, text: "Mantengo la calma." });
    expect(localizeItem(attention, it_)).toEqual({ ...attention, text: "Per favore, qui rispondi «D'accordo»." });
    expect(localizeItem(virtue, it_)).toEqual({ ...virtue, text: "Non ho mai perso la pazienza con nessuno." });
  });

  it("keeps the source text when a version's translation has no virtues (published before them)", () => {
    const { virtues: _none, ...older } = it_;
    expect(localizeItem(virtue, older)).toBe(virtue);
    expect(localizeItem(virtue, null)).toBe(virtue);
  });
});

// Presentation order (SCORING.md section 6): one function for the web flow and the engine's vb-2 flags.
import { describe, expect, it } from "vitest";
import type { AttentionItem, VirtueItem } from "../../app/questionnaire/types";
import { presentationOrder } from "../../app/scoring/presentation-order";
import { likert, questionnaire, scenario, value } from "./helpers";

const attention = (id: string): AttentionItem => ({ id, text: id, expect: 4, scale: { min: 1, max: 5 } });
const virtue = (id: string): VirtueItem => ({ id, text: id, scale: { min: 1, max: 5 } });
const ids = (q: Parameters<typeof presentationOrder>[0]) => presentationOrder(q).map((p) => p.item.id);

describe("presentationOrder", () => {
  const values = [
    value("a", [likert("a1"), likert("a2"), likert("a3")]),
    value("b", [likert("b1"), scenario("b2")]),
    value("c", [likert("c1"), likert("c2"), likert("c3")]),
  ];

  it("interleaves the values round robin in file order", () => {
    expect(ids(questionnaire(values))).toEqual(["a1", "b1", "c1", "a2", "b2", "c2", "a3", "c3"]);
  });

  it("places attention items after value item round((k + 1) N / (A + 1)), as before virtue items existed", () => {
    // N = 8, A = 2: after items round(8 / 3) = 3 and round(16 / 3) = 5.
    expect(ids(questionnaire(values, { attention: [attention("t1"), attention("t2")] }))).toEqual([
      "a1",
      "b1",
      "c1",
      "t1",
      "a2",
      "b2",
      "t2",
      "c2",
      "a3",
      "c3",
    ]);
  });

  it("spreads attention and virtue items together, alternating, deterministically", () => {
    // Checks t1, v1, v2 (C = 3, N = 8): after items round(8 / 4) = 2, round(16 / 4) = 4, round(24 / 4) = 6.
    const q = questionnaire(values, { attention: [attention("t1")], virtues: [virtue("v1"), virtue("v2")] });
    const order = presentationOrder(q);
    expect(order.map((p) => p.item.id)).toEqual(["a1", "b1", "t1", "c1", "a2", "v1", "b2", "c2", "v2", "a3", "c3"]);
    expect(order.map((p) => p.kind)).toEqual([
      "item",
      "item",
      "attention",
      "item",
      "item",
      "virtue",
      "item",
      "item",
      "virtue",
      "item",
      "item",
    ]);
    expect(presentationOrder(q)).toEqual(order);
    // A questionnaire stored without the virtues key reads as one without virtue items.
    const { virtues: _dropped, ...stored } = q;
    expect(ids({ ...stored, attention: [attention("t1")] })).toEqual(
      ids(questionnaire(values, { attention: [attention("t1")] })),
    );
  });
});

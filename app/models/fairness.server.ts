// Adverse-impact monitor of a position (SCORING.md section 9). This module reads the demographics table and only hands
// counts to the engine's adverseImpact; app/scoring never imports it (test/integration/fairness.test.ts checks).
import { recordAudit } from "~/models/audit.server";
import { AGE_BAND_OPTIONS, ETHNICITY_OPTIONS, GENDER_OPTIONS, PREFER_NOT_TO_SAY } from "~/models/demographics.server";
import { adverseImpact, type AdverseImpactRow } from "~/scoring";
import { toCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import type { FairnessCut } from "~/utils/schemas/fairness.server";

export const NOT_DISCLOSED = "not-disclosed";

type Option = { readonly value: string; readonly label: string };

const ATTRIBUTES = [
  { key: "gender", label: "Gender", options: GENDER_OPTIONS as readonly Option[] },
  { key: "age_band", label: "Age band", options: AGE_BAND_OPTIONS as readonly Option[] },
  { key: "ethnicity", label: "Ethnicity", options: ETHNICITY_OPTIONS as readonly Option[] },
] as const;

export type AttributeKey = (typeof ATTRIBUTES)[number]["key"];

export type FairnessGroupRow = AdverseImpactRow & { label: string; notDisclosed: boolean };

export type FairnessAttribute = {
  key: AttributeKey;
  label: string;
  /** Disclosed groups (in the order of the answer options), then the "not disclosed" group when it has anyone. */
  groups: FairnessGroupRow[];
  disclosedTotal: number;
  /** True when at least two disclosed groups could be compared (a reference and one more). */
  comparable: boolean;
};

export type FairnessReport = {
  position: { id: string; title: string };
  cut: FairnessCut;
  candidates: number;
  selected: number;
  /** Candidates set aside after review (not assessed): outside the cut and every group (issue 21, point 4). */
  setAside: number;
  attributes: FairnessAttribute[];
};

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** One row per submitted candidate: whether the cut selects them and their (possibly missing) self-identification. */
async function candidateRows(orgId: string, positionId: string) {
  return getDb()
    .selectFrom("responses as r")
    .leftJoin("demographics as d", (j) => j.onRef("d.response_id", "=", "r.id").on("d.organization_id", "=", orgId))
    .leftJoin("scores as s", (j) =>
      j.onRef("s.response_id", "=", "r.id").on("s.organization_id", "=", orgId).on("s.is_current", "=", 1),
    )
    .select((eb) => [
      "r.id",
      "r.review_status",
      "s.review",
      "s.overall",
      "d.gender",
      "d.age_band",
      "d.ethnicity",
      eb
        .selectFrom("decisions as dc")
        .select("dc.decision")
        .whereRef("dc.response_id", "=", "r.id")
        .where("dc.organization_id", "=", orgId)
        .orderBy("dc.decided_at", "desc")
        .limit(1)
        .as("decision"),
    ])
    .where("r.organization_id", "=", orgId)
    .where("r.position_id", "=", positionId)
    .where("r.kind", "=", "candidate")
    .where("r.submitted_at", "is not", null)
    .execute();
}

export function isSelected(cut: FairnessCut, row: { overall: number | null; decision: string | null }): boolean {
  if (cut.kind === "advance") return row.decision === "advance";
  return row.overall !== null && row.overall >= cut.threshold;
}

/** Groups one attribute's answers; no row, no answer and "prefer not to say" all count as not disclosed. */
export function attributeReport(
  attribute: (typeof ATTRIBUTES)[number],
  people: { value: string | null; selected: boolean }[],
): FairnessAttribute {
  const counts = new Map<string, { selected: number; total: number }>();
  let hidden = { selected: 0, total: 0 };
  for (const p of people) {
    const disclosed = p.value !== null && p.value !== "" && p.value !== PREFER_NOT_TO_SAY;
    const bucket = disclosed ? (counts.get(p.value!) ?? { selected: 0, total: 0 }) : hidden;
    bucket.total += 1;
    if (p.selected) bucket.selected += 1;
    if (disclosed) counts.set(p.value!, bucket);
    else hidden = bucket;
  }
  const order = attribute.options.map((o) => o.value);
  const keys = [...counts.keys()].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });
  const labelOf = (value: string) => attribute.options.find((o) => o.value === value)?.label ?? value;
  // The engine compares disclosed groups only; "not disclosed" is not a group of people who share an attribute.
  const rows = adverseImpact(keys.map((k) => ({ group: k, ...counts.get(k)! })));
  const groups: FairnessGroupRow[] = rows.map((r) => ({ ...r, label: labelOf(r.group), notDisclosed: false }));
  if (hidden.total > 0) {
    groups.push({
      group: NOT_DISCLOSED,
      label: "Not disclosed",
      notDisclosed: true,
      selected: hidden.selected,
      total: hidden.total,
      rate: hidden.selected / hidden.total,
      reference: false,
      excludedSmall: false,
      impactRatio: null,
      flagged: false,
      z: null,
      fisherP: null,
    });
  }
  const inRatios = rows.filter((r) => !r.excludedSmall);
  return {
    key: attribute.key,
    label: attribute.label,
    groups,
    disclosedTotal: rows.reduce((sum, r) => sum + r.total, 0),
    comparable: inRatios.length >= 2 && inRatios.some((r) => r.reference),
  };
}

/** The report for one cut; a position of another organization is a 404. */
export async function getFairnessReport(orgId: string, positionId: string, cut: FairnessCut): Promise<FairnessReport> {
  const position = await getDb()
    .selectFrom("positions")
    .select(["id", "title"])
    .where("organization_id", "=", orgId)
    .where("id", "=", positionId)
    .executeTakeFirst();
  if (!position) notFound();
  const all = await candidateRows(orgId, positionId);
  const rows = all.filter((r) => !(r.review === 1 && r.review_status === "set_aside"));
  const selected = rows.map((r) => isSelected(cut, r));
  return {
    position,
    cut,
    candidates: rows.length,
    selected: selected.filter(Boolean).length,
    setAside: all.length - rows.length,
    attributes: ATTRIBUTES.map((attribute) =>
      attributeReport(
        attribute,
        rows.map((r, i) => ({ value: r[attribute.key], selected: selected[i] })),
      ),
    ),
  };
}

const round = (x: number | null, digits: number) => (x === null ? "" : x.toFixed(digits));

function cutLabel(cut: FairnessCut): string {
  return cut.kind === "advance" ? "latest decision is advance" : `overall alignment at least ${cut.threshold}`;
}

function groupNote(g: FairnessGroupRow): string {
  if (g.notDisclosed) return "not disclosed (not compared)";
  if (g.excludedSmall) return "under 2% of disclosed candidates (not compared)";
  if (g.reference) return "highest selection rate (reference)";
  return "";
}

/** The report as an audited CSV (formula-injection escaped by toCsv). */
export async function exportFairnessCsv(
  orgId: string,
  positionId: string,
  cut: FairnessCut,
  actor: { id: string; email: string },
) {
  const report = await getFairnessReport(orgId, positionId, cut);
  const lines: (string | number | null)[][] = [
    [
      "attribute",
      "group",
      "candidates",
      "selected",
      "selection_rate",
      "impact_ratio",
      "below_four_fifths",
      "z",
      "fisher_p_two_sided",
      "note",
    ],
  ];
  for (const attribute of report.attributes) {
    for (const g of attribute.groups) {
      lines.push([
        attribute.label,
        g.label,
        g.total,
        g.selected,
        round(g.rate, 4),
        round(g.impactRatio, 4),
        g.impactRatio === null ? "" : g.flagged ? "yes" : "no",
        round(g.z, 3),
        g.fisherP === null ? "" : g.fisherP.toPrecision(4),
        groupNote(g),
      ]);
    }
  }
  lines.push([]);
  lines.push(["cut", cutLabel(cut)]);
  lines.push(["set aside after review (not assessed), not counted", report.setAside]);
  await recordAudit({
    organizationId: orgId,
    actorUserId: actor.id,
    actorLabel: actor.email,
    action: "fairness.exported",
    targetType: "position",
    targetId: positionId,
    details: { cut: cut.kind, threshold: cut.kind === "overall" ? cut.threshold : null },
  });
  const slug =
    report.position.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "position";
  return { filename: `${slug}-adverse-impact.csv`, csv: toCsv(lines) };
}

export { cutLabel as describeCut };

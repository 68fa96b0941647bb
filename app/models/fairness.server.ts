// Adverse-impact monitor of a position (SCORING.md section 9). This module reads the demographics table and only hands
// counts to the engine's adverseImpact; app/scoring never imports it (test/integration/fairness.test.ts checks).
//
// Words shown to people are the reader's (issue 18): groups carry a catalog key (the candidates' own option labels,
// "translation:selfId.…", or "fairness:group.notDisclosed"); attribute names, notes and the cut are worded by the
// page and the CSV with the staff translator.
import type { Translate } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import { staffT } from "~/i18n/staff-catalogs.server";
import { recordAudit } from "~/models/audit.server";
import { AGE_BAND_OPTIONS, ETHNICITY_OPTIONS, GENDER_OPTIONS, PREFER_NOT_TO_SAY } from "~/models/demographics.server";
import { adverseImpact, type AdverseImpactRow } from "~/scoring";
import { FOUR_FIFTHS, SMALL_GROUP_SHARE } from "~/scoring/fairness";
import { toCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import type { FairnessCut } from "~/utils/schemas/fairness.server";

export const NOT_DISCLOSED = "not-disclosed";

/** The engine's thresholds (their one home is app/scoring/fairness.ts), for the page's explanations. */
export const FAIRNESS_LIMITS = { fourFifths: FOUR_FIFTHS, smallGroupShare: SMALL_GROUP_SHARE } as const;

type Option = { readonly value: string; readonly label: string };

/** `catalog`: where the candidates' self-identification form words the options (app/i18n/locales/<l>.json). */
const ATTRIBUTES = [
  { key: "gender", catalog: "genderOptions", options: GENDER_OPTIONS as readonly Option[] },
  { key: "age_band", catalog: "ageBandOptions", options: AGE_BAND_OPTIONS as readonly Option[] },
  { key: "ethnicity", catalog: "ethnicityOptions", options: ETHNICITY_OPTIONS as readonly Option[] },
] as const;

export type AttributeKey = (typeof ATTRIBUTES)[number]["key"];

/** `labelKey`: the catalog key of the group's name, or null for a stored value outside the options (shown as is). */
export type FairnessGroupRow = AdverseImpactRow & { labelKey: string | null; notDisclosed: boolean };

export type FairnessAttribute = {
  key: AttributeKey;
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
  const labelKeyOf = (value: string) =>
    attribute.options.some((o) => o.value === value) ? `translation:selfId.${attribute.catalog}.${value}` : null;
  // The engine compares disclosed groups only; "not disclosed" is not a group of people who share an attribute.
  const rows = adverseImpact(keys.map((k) => ({ group: k, ...counts.get(k)! })));
  const groups: FairnessGroupRow[] = rows.map((r) => ({ ...r, labelKey: labelKeyOf(r.group), notDisclosed: false }));
  if (hidden.total > 0) {
    groups.push({
      group: NOT_DISCLOSED,
      labelKey: "fairness:group.notDisclosed",
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

/** A group's name in the reader's language (a stored value outside the options as it is). */
export function groupLabel(t: Translate, g: Pick<FairnessGroupRow, "group" | "labelKey">): string {
  return g.labelKey ? t(g.labelKey) : g.group;
}

/** The cut in words ("overall alignment at least 50"); `t` is bound to the fairness namespace. */
export function describeCut(t: Translate, cut: FairnessCut): string {
  return cut.kind === "advance" ? t("cut.describeAdvance") : t("cut.describeOverall", { threshold: cut.threshold });
}

function groupNote(t: Translate, g: FairnessGroupRow, smallShare: string): string {
  if (g.notDisclosed) return t("csv.notDisclosed");
  if (g.excludedSmall) return t("csv.small", { share: smallShare });
  if (g.reference) return t("csv.reference");
  return "";
}

/**
 * The report as an audited CSV (formula-injection escaped by toCsv). Headers and words follow the reader's language;
 * numbers stay machine-readable (dot decimal).
 */
export async function exportFairnessCsv(
  orgId: string,
  positionId: string,
  cut: FairnessCut,
  actor: { id: string; email: string; locale: Locale },
) {
  const t = staffT(actor.locale, "fairness");
  // The note's share is text for people: "2%" / "2 %" as the reader writes it.
  const smallShare = new Intl.NumberFormat(actor.locale, { style: "percent", numberingSystem: "latn" }).format(
    SMALL_GROUP_SHARE,
  );
  const report = await getFairnessReport(orgId, positionId, cut);
  const lines: (string | number | null)[][] = [
    [
      t("csv.attribute"),
      t("csv.group"),
      t("csv.candidates"),
      t("csv.selected"),
      t("csv.selectionRate"),
      t("csv.impactRatio"),
      t("csv.belowFourFifths"),
      t("csv.z"),
      t("csv.fisherP"),
      t("csv.note"),
    ],
  ];
  for (const attribute of report.attributes) {
    for (const g of attribute.groups) {
      lines.push([
        t(`attribute.${attribute.key}`),
        groupLabel(t, g),
        g.total,
        g.selected,
        round(g.rate, 4),
        round(g.impactRatio, 4),
        g.impactRatio === null ? "" : g.flagged ? t("csv.yes") : t("csv.no"),
        round(g.z, 3),
        g.fisherP === null ? "" : g.fisherP.toPrecision(4),
        groupNote(t, g, smallShare),
      ]);
    }
  }
  lines.push([]);
  lines.push([t("csv.cut"), describeCut(t, cut)]);
  lines.push([t("csv.setAside"), report.setAside]);
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
  return { filename: t("csv.filename", { slug }), csv: toCsv(lines) };
}

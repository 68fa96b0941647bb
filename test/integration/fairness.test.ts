import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type getFairnessReport } from "../../app/models/fairness.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, sessionCookieFor } from "../factories";
import { makeResultsPosition } from "../factories-results";
import { addCounted } from "../factories-trust";
import * as page from "../../app/routes/app.positions.$positionId.fairness";
import * as csvRoute from "../../app/routes/app.positions.$positionId.fairness[.csv]";

const testDb = withTestDatabase();

describe("scoring never sees demographics", () => {
  it("no file under app/scoring imports the demographics model, any model, or app utilities", () => {
    const root = path.resolve("app/scoring");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx|js|mjs)$/.test(entry.name)) files.push(full);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(5);
    const importPattern =
      /(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g;
    const offenders: string[] = [];
    let imports = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(importPattern)) {
        const spec = m[1] ?? m[2] ?? m[3];
        imports += 1;
        if (/demographic|models|utils|db\.server|\.server/i.test(spec)) offenders.push(`${file}: ${spec}`);
        // only relative imports inside app/scoring itself
        if (spec.startsWith(".")) {
          const target = path.resolve(path.dirname(file), spec);
          // the one allowed way out: the questionnaire's plain types
          const allowed = target === path.resolve("app/questionnaire/types");
          if (!target.startsWith(root) && !allowed) offenders.push(`${file}: ${spec} leaves app/scoring`);
        } else if (spec.startsWith("~/")) offenders.push(`${file}: ${spec}`);
      }
      if (/demographic/i.test(text.replace(/\/\/.*$/gm, ""))) offenders.push(`${file}: mentions demographics`);
    }
    expect(imports).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});

async function setup() {
  const org = await makeOrganization("Fair Org");
  const recruiter = await makeUser(org.id, "recruiter");
  const cookie = await sessionCookieFor(recruiter.id);
  const position = await makeResultsPosition(org.id, { agentLabels: ["a01", "a02", "a03", "a04", "a05"] });
  return { org, recruiter, cookie, position };
}

describe("adverse-impact report", () => {
  it("computes rates, impact ratio, z and Fisher p for 48/80 vs 12/40 and shows small and undisclosed groups", async () => {
    const { org, cookie, position } = await setup();
    const man = { gender: "man", ageBand: "25-34", ethnicity: "white" };
    const woman = { gender: "woman", ageBand: "35-44", ethnicity: "white" };
    // men: 48 of 80 at or above 50; women: 12 of 40.
    await addCounted(org.id, position, 48, { overall: 70, decision: "hold", demographics: man });
    await addCounted(org.id, position, 32, { overall: 49.9, demographics: man });
    await addCounted(org.id, position, 12, { overall: 50, decision: "advance", demographics: woman });
    await addCounted(org.id, position, 28, { overall: 20, demographics: woman });
    // One non-binary candidate (selected): 1 of 121 disclosed < 2%, listed but not compared.
    await addCounted(org.id, position, 1, {
      overall: 90,
      demographics: { gender: "non-binary", ageBand: null, ethnicity: null },
    });
    // Not disclosed: 3 without a demographics row, 2 "prefer not to say"; 2 of the 5 selected.
    await addCounted(org.id, position, 2, { overall: 80, demographics: null });
    await addCounted(org.id, position, 1, { overall: 10, demographics: null });
    await addCounted(org.id, position, 2, {
      overall: 10,
      demographics: { gender: "prefer-not-to-say", ageBand: "prefer-not-to-say", ethnicity: null },
    });

    const res = await outcome(() =>
      page.loader({
        request: getRequest(`/app/positions/${position.positionId}/fairness`, cookie),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    const report = (res.data as { report: Awaited<ReturnType<typeof getFairnessReport>> }).report;
    expect(report.cut).toEqual({ kind: "overall", threshold: 50 });
    expect(report.candidates).toBe(126);
    expect(report.selected).toBe(48 + 12 + 1 + 2);
    const gender = report.attributes.find((a) => a.key === "gender")!;
    expect(gender.disclosedTotal).toBe(121);
    const byGroup = Object.fromEntries(gender.groups.map((g) => [g.group, g]));
    expect(gender.groups.map((g) => g.group)).toEqual(["woman", "man", "non-binary", "not-disclosed"]);
    expect(byGroup.man).toMatchObject({ total: 80, selected: 48, rate: 0.6, reference: true, impactRatio: 1 });
    expect(byGroup.woman).toMatchObject({ total: 40, selected: 12, rate: 0.3, reference: false, flagged: true });
    expect(byGroup.woman.impactRatio).toBeCloseTo(0.5, 12);
    // pooled p = 60/120 = 0.5; se = sqrt(0.25 * (1/80 + 1/40)) = 0.0968246; z = 0.3 / se = 3.0984
    expect(byGroup.woman.z).toBeCloseTo(3.098, 3);
    expect(byGroup.woman.fisherP).toBeCloseTo(0.00341, 5);
    expect(byGroup["non-binary"]).toMatchObject({
      total: 1,
      selected: 1,
      excludedSmall: true,
      impactRatio: null,
      flagged: false,
    });
    expect(byGroup["not-disclosed"]).toMatchObject({
      labelKey: "fairness:group.notDisclosed",
      notDisclosed: true,
      total: 5,
      selected: 2,
      impactRatio: null,
      z: null,
    });
    // Age: 80 of 25-34 (48 selected) vs 40 of 35-44 (12 selected): same numbers; the 6 others are not disclosed.
    const age = report.attributes.find((a) => a.key === "age_band")!;
    const ageNd = age.groups.find((g) => g.notDisclosed)!;
    expect(ageNd.total).toBe(1 + 5);
    expect(age.groups.find((g) => g.group === "35-44")!.impactRatio).toBeCloseTo(0.5, 12);
    // Ethnicity: one disclosed group only -> nothing to compare.
    const eth = report.attributes.find((a) => a.key === "ethnicity")!;
    expect(eth.comparable).toBe(false);
    expect(eth.groups.find((g) => g.group === "white")).toMatchObject({ total: 120, selected: 60, reference: true });
  });

  it("uses the latest decision as the cut when asked, and a threshold from the form", async () => {
    const { org, cookie, position } = await setup();
    const a = { gender: "man", ageBand: null, ethnicity: null };
    const b = { gender: "woman", ageBand: null, ethnicity: null };
    await addCounted(org.id, position, 10, { overall: 90, decision: "advance", demographics: a });
    await addCounted(org.id, position, 10, { overall: 90, decision: "reject", demographics: a });
    await addCounted(org.id, position, 5, { overall: 30, decision: "advance", demographics: b });
    await addCounted(org.id, position, 15, { overall: 30, demographics: b });
    const load = async (search: string) => {
      const res = await outcome(() =>
        page.loader({
          request: getRequest(`/app/positions/${position.positionId}/fairness${search}`, cookie),
          params: { positionId: position.positionId },
          context: {},
        }),
      );
      return res.data as { report: Awaited<ReturnType<typeof getFairnessReport>>; error: string | null };
    };
    const advance = await load("?cut=advance&threshold=50");
    expect(advance.report.cut).toEqual({ kind: "advance" });
    const g = advance.report.attributes[0].groups;
    // men 10/20 = 0.5, women 5/20 = 0.25 -> IR 0.5
    expect(g.find((x) => x.group === "man")!.rate).toBe(0.5);
    expect(g.find((x) => x.group === "woman")!.impactRatio).toBeCloseTo(0.5, 12);
    const low = await load("?cut=overall&threshold=25");
    // everyone at or above 25: both rates 1 -> IR 1, not flagged
    expect(low.report.selected).toBe(40);
    expect(low.report.attributes[0].groups.find((x) => x.group === "woman")).toMatchObject({
      impactRatio: 1,
      flagged: false,
    });
    const bad = await load("?cut=overall&threshold=500");
    expect(bad.error).toMatch(/0 to 100/);
    expect(bad.report.cut).toEqual({ kind: "overall", threshold: 50 });
  });

  it("exports the report as an audited CSV with formula starts escaped", async () => {
    const { org, cookie, position, recruiter } = await setup();
    await addCounted(org.id, position, 48, {
      overall: 70,
      demographics: { gender: "man", ageBand: null, ethnicity: null },
    });
    await addCounted(org.id, position, 32, {
      overall: 10,
      demographics: { gender: "man", ageBand: null, ethnicity: null },
    });
    await addCounted(org.id, position, 12, {
      overall: 70,
      demographics: { gender: "woman", ageBand: null, ethnicity: null },
    });
    await addCounted(org.id, position, 28, {
      overall: 10,
      demographics: { gender: "woman", ageBand: null, ethnicity: null },
    });
    // A stored value outside the option list is shown as-is; a formula start must be neutralised.
    await addCounted(org.id, position, 1, {
      overall: 10,
      demographics: { gender: "=CMD()", ageBand: null, ethnicity: null },
    });
    const res = await outcome(() =>
      csvRoute.loader({
        request: getRequest(`/app/positions/${position.positionId}/fairness.csv?cut=overall&threshold=50`, cookie),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename=".*adverse-impact\.csv"/);
    const text = res.data as string;
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      "attribute,group,candidates,selected,selection_rate,impact_ratio,below_four_fifths,z,fisher_p_two_sided,note",
    );
    expect(lines).toContain("Gender,Woman,40,12,0.3000,0.5000,yes,3.098,0.003409,");
    expect(lines).toContain("Gender,Man,80,48,0.6000,1.0000,no,,,highest selection rate (reference)");
    expect(lines.some((l) => l.startsWith("Gender,'=CMD(),1,0,"))).toBe(true);
    const audit = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("action", "=", "fairness.exported")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(recruiter.id);
  });

  it("speaks the reader's language: Finnish page words and CSV headers, numbers still dot-decimal in the CSV", async () => {
    const { org, cookie, position, recruiter } = await setup();
    await testDb.db().updateTable("users").set({ language: "fi" }).where("id", "=", recruiter.id).execute();
    const man = { gender: "man", ageBand: null, ethnicity: null };
    const woman = { gender: "woman", ageBand: null, ethnicity: null };
    await addCounted(org.id, position, 48, { overall: 70, demographics: man });
    await addCounted(org.id, position, 32, { overall: 10, demographics: man });
    await addCounted(org.id, position, 12, { overall: 70, demographics: woman });
    await addCounted(org.id, position, 28, { overall: 10, demographics: woman });
    const res = await outcome(() =>
      csvRoute.loader({
        request: getRequest(`/app/positions/${position.positionId}/fairness.csv?cut=overall&threshold=50`, cookie),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    expect(res.headers.get("Content-Disposition")).toMatch(/filename=".*-haitallinen-vaikutus\.csv"/);
    const lines = (res.data as string).split("\r\n");
    expect(lines[0]).toBe(
      "ominaisuus,ryhmä,hakijat,valitut,valintaosuus,vaikutussuhde,alle_neljä_viidesosaa,z,fisherin_p_kaksisuuntainen,huomautus",
    );
    // the candidates' own option words (app/i18n/locales/fi.json), 12/40 = 0.3, ratio 0.3/0.6 = 0.5
    expect(lines).toContain("Sukupuoli,Nainen,40,12,0.3000,0.5000,kyllä,3.098,0.003409,");
    expect(lines).toContain("Sukupuoli,Mies,80,48,0.6000,1.0000,ei,,,suurin valintaosuus (vertailuryhmä)");
    expect(lines).toContain("rajaus,kokonaisyhteensopivuus vähintään 50");

    const pageRes = await outcome(() =>
      page.loader({
        request: getRequest(`/app/positions/${position.positionId}/fairness?threshold=500`, cookie),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    const loaded = pageRes.data as { title: string; error: string; cutText: string };
    expect(loaded.title).toMatch(/^Haitallinen vaikutus · /);
    expect(loaded.error).toBe("Kynnysarvon on oltava luku väliltä 0–100.");
    expect(loaded.cutText).toBe("kokonaisyhteensopivuus vähintään 50");
  });

  it("answers 404 for another organization's position (page and CSV) and redirects visitors", async () => {
    const a = await setup();
    const other = await makeOrganization("Other");
    const otherUser = await makeUser(other.id, "admin");
    const otherCookie = await sessionCookieFor(otherUser.id);
    const positionId = a.position.positionId;
    const pageRes = await outcome(() =>
      page.loader({
        request: getRequest(`/app/positions/${positionId}/fairness`, otherCookie),
        params: { positionId },
        context: {},
      }),
    );
    expect(pageRes.status).toBe(404);
    const csvRes = await outcome(() =>
      csvRoute.loader({
        request: getRequest(`/app/positions/${positionId}/fairness.csv`, otherCookie),
        params: { positionId },
        context: {},
      }),
    );
    expect(csvRes.status).toBe(404);
    const visitor = await outcome(() =>
      csvRoute.loader({
        request: getRequest(`/app/positions/${positionId}/fairness.csv`),
        params: { positionId },
        context: {},
      }),
    );
    expect(visitor.status).toBe(302);
  });
});

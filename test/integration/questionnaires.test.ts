import { describe, expect, it } from "vitest";
import { action as newAction } from "../../app/routes/app.questionnaires.new";
import {
  action as builderAction,
  loader as builderLoader,
} from "../../app/routes/app.questionnaires.$questionnaireId._index";
import { loader as previewLoader } from "../../app/routes/app.questionnaires.$questionnaireId.preview";
import { loader as yamlLoader } from "../../app/routes/app.questionnaires.$questionnaireId.versions.$version.yaml";
import {
  canonicalJson,
  getQuestionnaire,
  getQuestionnaireVersion,
  listPublishedVersions,
  versionSha256,
} from "../../app/models/questionnaire.server";
import { createOrgValue, listOrgValues } from "../../app/models/values.server";
import { getTemplate } from "../../app/questionnaire/bank.server";
import { parseQuestionnaireYaml } from "../../app/questionnaire/load.server";
import type { VersionTranslations } from "../../app/questionnaire/translations";
import type { Questionnaire } from "../../app/questionnaire/types";
import { loadQuestionnaireContent } from "../../app/models/respondent-input.server";
import { getRequest, makeOrganization, outcome, postForm } from "../factories";
import { makePublishedVersion } from "../factories-benchmark";
import { makeStaffedOrganization } from "../factories-questionnaires";
import { withTestDatabase } from "../db";

const testDb = withTestDatabase();

async function createFromTemplate(cookie: string, start = "five-elements", title = "Support hiring") {
  const res = await outcome(() =>
    newAction({ request: postForm("/app/questionnaires/new", { title, start }, cookie), context: {}, params: {} }),
  );
  expect(res.status).toBe(302);
  return res.location!.split("/").pop()!;
}

function act(id: string, fields: Record<string, string | string[]>, cookie: string) {
  return outcome(() =>
    builderAction({
      request: postForm(`/app/questionnaires/${id}`, fields, cookie),
      context: {},
      params: { questionnaireId: id },
    }),
  );
}

function download(id: string, version: number | string, cookie: string) {
  return yamlLoader({
    request: getRequest(`/app/questionnaires/${id}/versions/${version}/yaml`, cookie),
    context: {},
    params: { questionnaireId: id, version: String(version) },
  });
}

async function versionRows(questionnaireId: string) {
  return testDb
    .db()
    .selectFrom("questionnaire_versions")
    .selectAll()
    .where("questionnaire_id", "=", questionnaireId)
    .orderBy("version")
    .execute();
}

describe("questionnaire from a template", () => {
  it("creates the template's values and a draft with its preselected items", async () => {
    const { org, adminCookie } = await makeStaffedOrganization();
    const id = await createFromTemplate(adminCookie);
    const values = await listOrgValues(org.id);
    expect(values.map((v) => v.key)).toEqual(["respect", "patience", "personalization", "empathy", "responsiveness"]);
    const q = await getQuestionnaire(org.id, id);
    expect(q.slug).toBe("support-hiring");
    expect(q.draft.values[3]).toEqual({
      key: "empathy",
      included: true,
      bankItemIds: getTemplate("five-elements")!.values[3].items,
      customItems: [],
      customCounter: 0,
      customTranslations: {},
    });
    const builder = await outcome(() =>
      builderLoader({
        request: getRequest(`/app/questionnaires/${id}`, adminCookie),
        context: {},
        params: { questionnaireId: id },
      }),
    );
    const data = builder.data as {
      estimatedSeconds: number;
      order: { id: string }[];
      values: { warnings: string[] }[];
    };
    // 5 values x (6 likert + 1 rating) x 8 s + 5 x 2 scenarios x 25 s + 3 attention x 8 s + 4 virtues x 8 s
    // = 280 + 250 + 24 + 32
    expect(data.estimatedSeconds).toBe(586);
    expect(data.order.slice(0, 5).map((e) => e.id)).toEqual(["rsp-01", "pat-01", "per-01", "emp-01", "rsv-01"]);
    expect(data.order).toHaveLength(45 + 3 + 4);
    // Checks alternate att-01, vir-01, att-02, vir-02, att-03, vir-03, vir-04; check j (0-based) of 7 follows value
    // item round((j + 1) x 45 / 8) = 6, 11, 17, 23, 28, 34, 39, so its index is that plus the j checks before it.
    const checks = data.order.flatMap((e, index) => (/^(att|vir)-/.test(e.id) ? [`${index}:${e.id}`] : []));
    expect(checks).toEqual(["6:att-01", "12:vir-01", "19:att-02", "26:vir-02", "32:att-03", "39:vir-03", "45:vir-04"]);
    expect(q.draft.includeVirtues).toBe(true);
    expect(data.values.every((v) => v.warnings.length === 0)).toBe(true);
  });
});

describe("publishing", () => {
  it("publishes immutable versions: draft edits never change a version; the next publish is version + 1", async () => {
    const { org, admin, adminCookie } = await makeStaffedOrganization();
    const id = await createFromTemplate(adminCookie);
    const first = await act(id, { intent: "publish" }, adminCookie);
    expect(first.data).toMatchObject({ ok: true, message: "Published version 1, offered in 6 languages." });
    const [v1] = await versionRows(id);
    expect(v1.version).toBe(1);
    expect(v1.published_by).toBe(admin.id);
    // Issue 11: the template's bank items are translated, so the hash covers { content, translations }.
    expect(v1.sha256).toBe(versionSha256(v1.content_json, JSON.parse(v1.translations_json) as VersionTranslations));
    const content = JSON.parse(v1.content_json) as Questionnaire;
    expect(content).toMatchObject({ id: "support-hiring", version: 1, title: "Support hiring", locale: "en" });
    expect(content.values.map((v) => v.id)).toEqual([
      "respect",
      "patience",
      "personalization",
      "empathy",
      "responsiveness",
    ]);
    expect(content.values[3].items).toHaveLength(9);
    expect(content.values[3].probes).toHaveLength(3);
    expect(content.attention.map((a) => a.id)).toEqual(["att-01", "att-02", "att-03"]);

    // Edit the draft: keep only empathy with 4 items, no attention checks, and a custom item.
    await act(
      id,
      { intent: "save", title: "Support hiring", values: ["empathy"], items: ["emp-01", "emp-02", "emp-r1", "emp-s1"] },
      adminCookie,
    );
    const custom = await act(
      id,
      {
        intent: "add-custom",
        value: "empathy",
        type: "likert",
        text: "I ask how the customer is doing.",
        keyed: "plus",
        options: "",
      },
      adminCookie,
    );
    expect(custom.data).toMatchObject({ ok: true, message: "Custom item empathy-c1 added." });
    const [unchanged] = await versionRows(id);
    expect(unchanged).toEqual(v1);

    // The custom item has no translations: the builder asks before publishing in English only (issue 21).
    const warned = await act(id, { intent: "publish" }, adminCookie);
    expect(warned.status).toBe(409);
    const second = await act(id, { intent: "publish", confirmLanguages: "yes" }, adminCookie);
    expect(second.data).toMatchObject({ ok: true, message: "Published version 2, offered in English only." });
    const rows = await versionRows(id);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[0]).toEqual(v1);
    const v2 = JSON.parse(rows[1].content_json) as Questionnaire;
    expect(v2.values.map((v) => v.id)).toEqual(["empathy"]);
    expect(v2.values[0].items.map((i) => i.id)).toEqual(["emp-01", "emp-02", "emp-r1", "emp-s1", "empathy-c1"]);
    expect(v2.values[0].items[4]).toEqual({
      id: "empathy-c1",
      type: "likert",
      text: "I ask how the customer is doing.",
      keyed: "plus",
      scale: { min: 1, max: 5 },
    });
    expect(v2.attention).toEqual([]);

    const again = await act(id, { intent: "publish" }, adminCookie);
    expect(again.status).toBe(400);
    expect((again.data as { formError: string }).formError).toBe(
      "Nothing changed since version 2; there is nothing to publish.",
    );

    const published = await listPublishedVersions(org.id);
    expect(published.map((p) => p.version)).toEqual([2, 1]);
    expect(published[1].content).toEqual(content);
    const byId = await getQuestionnaireVersion(org.id, rows[1].id);
    expect(byId).toMatchObject({ version: 2, sha256: rows[1].sha256, questionnaireSlug: "support-hiring" });
    expect(byId.content).toEqual(v2);
  });

  it("downloads a version as YAML that loads back to identical content", async () => {
    const { org, adminCookie } = await makeStaffedOrganization();
    const id = await createFromTemplate(adminCookie, "common-support-values", "Contact centre");
    await act(id, { intent: "publish" }, adminCookie);
    const res = await download(id, 1, adminCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="contact-centre-v1.yaml"');
    expect(res.headers.get("Content-Type")).toMatch(/^application\/yaml/);
    const text = await res.text();
    const [published] = await listPublishedVersions(org.id);
    const loaded = parseQuestionnaireYaml(text, "download.yaml");
    expect(loaded).toEqual(published.content);
    const [row] = await versionRows(id);
    expect(canonicalJson(loaded)).toBe(row.content_json);
    expect(versionSha256(canonicalJson(loaded), JSON.parse(row.translations_json) as VersionTranslations)).toBe(
      published.sha256,
    );
    expect(text).toContain("id: emp-01");
    // The bank's unlikely-virtue items are part of a new questionnaire, published, exported and loaded back.
    expect(text).toMatch(/^virtues:$/m);
    expect(text).toContain("I have never been impatient with anyone.");
    expect(loaded.virtues.map((v) => v.id)).toEqual(["vir-01", "vir-02", "vir-03", "vir-04"]);
    expect(loaded.virtues[0]).toEqual({
      id: "vir-01",
      text: "I have never been impatient with anyone.",
      scale: { min: 1, max: 5 },
    });
    // ...and translated with the rest into every bank language.
    const translations = JSON.parse(row.translations_json) as VersionTranslations;
    expect(Object.keys(translations).sort()).toEqual(["es", "fi", "it", "ro", "sl"]);
    expect(translations.it.virtues?.["vir-01"]).toBe("Non ho mai perso la pazienza con nessuno.");

    const missing = await outcome(() => download(id, 7, adminCookie));
    expect(missing.status).toBe(404);
  });

  it("leaves the virtue items out when the box is unticked, and out of drafts saved before they existed", async () => {
    const { org, adminCookie } = await makeStaffedOrganization();
    const id = await createFromTemplate(adminCookie, "five-elements", "2027 hiring");
    const q = await getQuestionnaire(org.id, id);
    // The slug is the YAML id, which must start with a letter.
    expect(q.slug).toBe("q-2027-hiring");
    const items = q.draft.values.flatMap((v) => v.bankItemIds);
    const values = q.draft.values.map((v) => v.key);
    await act(id, { intent: "save", title: "2027 hiring", includeAttention: "yes", values, items }, adminCookie);
    expect((await getQuestionnaire(org.id, id)).draft.includeVirtues).toBe(false);
    expect(await act(id, { intent: "publish" }, adminCookie)).toMatchObject({ status: 200 });
    const [v1] = await versionRows(id);
    const content = JSON.parse(v1.content_json) as Questionnaire;
    expect(content.id).toBe("q-2027-hiring");
    expect(content.virtues).toEqual([]);
    expect(content.attention).toHaveLength(3);

    // A draft stored before virtue items existed has no includeVirtues: it reads as false, not as an empty draft.
    const stored = JSON.parse(
      (
        await testDb
          .db()
          .selectFrom("questionnaires")
          .select("draft_json")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).draft_json,
    ) as Record<string, unknown>;
    delete stored.includeVirtues;
    await testDb
      .db()
      .updateTable("questionnaires")
      .set({ draft_json: JSON.stringify(stored) })
      .where("id", "=", id)
      .execute();
    const old = await getQuestionnaire(org.id, id);
    expect(old.draft.includeVirtues).toBe(false);
    expect(old.draft.values.flatMap((v) => v.bankItemIds)).toEqual(items);
  });

  it("refuses to publish without values or with a value of fewer than 3 items", async () => {
    const { org, admin, adminCookie } = await makeStaffedOrganization();
    const id = await createFromTemplate(adminCookie);
    await act(id, { intent: "save", title: "Support hiring", values: [], items: [] }, adminCookie);
    const none = await act(id, { intent: "publish" }, adminCookie);
    expect(none.status).toBe(400);
    expect((none.data as { formError: string }).formError).toBe("Include at least one value before publishing.");

    await act(
      id,
      {
        intent: "save",
        title: "Support hiring",
        values: ["respect", "empathy"],
        items: ["emp-01", "emp-02", "rsp-01", "rsp-02", "rsp-03"],
      },
      adminCookie,
    );
    const thin = await act(id, { intent: "publish" }, adminCookie);
    expect(thin.status).toBe(400);
    expect((thin.data as { formError: string }).formError).toBe(
      "Each value needs at least 3 scored items to be published: “Empathy” has 2.",
    );

    await createOrgValue(
      org.id,
      "kindness",
      { name: "Kindness", description: "", iStatement: "", metrics: [], direction: "higher", weight: 1 },
      { userId: admin.id, label: admin.email },
    );
    await act(id, { intent: "save", title: "Support hiring", values: ["kindness"], items: [] }, adminCookie);
    const empty = await act(id, { intent: "publish" }, adminCookie);
    expect((empty.data as { formError: string }).formError).toBe(
      "Each value needs at least 3 scored items to be published: “Kindness” has 0.",
    );
    expect(await versionRows(id)).toEqual([]);
  });

  it("validates custom items and removes them", async () => {
    const { org, adminCookie } = await makeStaffedOrganization();
    const id = await createFromTemplate(adminCookie);
    const noKeying = await act(
      id,
      { intent: "add-custom", value: "respect", type: "rating", text: "How polite are you?", options: "" },
      adminCookie,
    );
    expect(noKeying.status).toBe(400);
    expect((noKeying.data as { fieldErrors: Record<string, string[]> }).fieldErrors.keyed).toHaveLength(1);
    const oneOption = await act(
      id,
      { intent: "add-custom", value: "respect", type: "scenario", text: "A rude customer.", options: "Hang up" },
      adminCookie,
    );
    expect((oneOption.data as { fieldErrors: Record<string, string[]> }).fieldErrors.options).toEqual([
      "Write 2 to 6 options, one per line.",
    ]);
    await act(
      id,
      {
        intent: "add-custom",
        value: "respect",
        type: "scenario",
        text: "A rude customer.",
        options: "Stay calm\r\n\r\nEscalate\nEnd the chat",
      },
      adminCookie,
    );
    let q = await getQuestionnaire(org.id, id);
    expect(q.draft.values[0].customItems).toEqual([
      {
        id: "respect-c1",
        type: "scenario",
        text: "A rude customer.",
        options: [
          { id: "a", text: "Stay calm" },
          { id: "b", text: "Escalate" },
          { id: "c", text: "End the chat" },
        ],
      },
    ]);
    await act(
      id,
      { intent: "remove:respect-c1", title: "Support hiring", values: ["respect"], items: ["rsp-01"] },
      adminCookie,
    );
    q = await getQuestionnaire(org.id, id);
    expect(q.draft.values[0]).toMatchObject({ customItems: [], bankItemIds: ["rsp-01"], customCounter: 1 });
  });
});

describe("access", () => {
  it("refuses recruiters with 403", async () => {
    const { adminCookie, recruiterCookie } = await makeStaffedOrganization();
    const id = await createFromTemplate(adminCookie);
    await act(id, { intent: "publish" }, adminCookie);
    const view = await outcome(() =>
      builderLoader({
        request: getRequest(`/app/questionnaires/${id}`, recruiterCookie),
        context: {},
        params: { questionnaireId: id },
      }),
    );
    expect(view.status).toBe(403);
    expect((await act(id, { intent: "publish" }, recruiterCookie)).status).toBe(403);
    expect((await outcome(() => download(id, 1, recruiterCookie))).status).toBe(403);
    const create = await outcome(() =>
      newAction({
        request: postForm("/app/questionnaires/new", { title: "x", start: "blank" }, recruiterCookie),
        context: {},
        params: {},
      }),
    );
    expect(create.status).toBe(403);
    expect(await versionRows(id)).toHaveLength(1);
  });

  it("answers 404 to another organization for the questionnaire, its preview, versions and YAML", async () => {
    const a = await makeStaffedOrganization("A");
    const b = await makeStaffedOrganization("B");
    const id = await createFromTemplate(a.adminCookie);
    await act(id, { intent: "publish" }, a.adminCookie);
    const [version] = await versionRows(id);
    const params = { questionnaireId: id };
    const view = await outcome(() =>
      builderLoader({ request: getRequest(`/app/questionnaires/${id}`, b.adminCookie), context: {}, params }),
    );
    expect(view.status).toBe(404);
    const preview = await outcome(() =>
      previewLoader({ request: getRequest(`/app/questionnaires/${id}/preview`, b.adminCookie), context: {}, params }),
    );
    expect(preview.status).toBe(404);
    expect((await outcome(() => download(id, 1, b.adminCookie))).status).toBe(404);
    expect((await act(id, { intent: "publish" }, b.adminCookie)).status).toBe(404);
    expect((await act(id, { intent: "save", title: "Hijack", values: [], items: [] }, b.adminCookie)).status).toBe(404);
    expect((await outcome(() => getQuestionnaireVersion(b.org.id, version.id))).status).toBe(404);
    expect(await listPublishedVersions(b.org.id)).toEqual([]);
    expect((await getQuestionnaire(a.org.id, id)).title).toBe("Support hiring");
  });
});

describe("published content cache", () => {
  it("parses a version once, shares it read-only, and still answers 404 to another organization", async () => {
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const { versionId, q } = await makePublishedVersion(a.id);
    const first = await loadQuestionnaireContent(a.id, versionId);
    expect(first).toEqual(q);
    expect(await loadQuestionnaireContent(a.id, versionId)).toBe(first);
    expect(Object.isFrozen(first.values[0].items[0])).toBe(true);
    expect(() => {
      (first.values[0] as { name: string }).name = "changed";
    }).toThrow(TypeError);
    // Cached, yet the organization filter runs on every read.
    const other = await outcome(() => loadQuestionnaireContent(b.id, versionId));
    expect(other.status).toBe(404);
    expect((await outcome(() => loadQuestionnaireContent(a.id, "no-such-version"))).status).toBe(404);
  });
});

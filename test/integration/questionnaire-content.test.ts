// Issue 21, point 5: content an admin can edit in a draft — custom items' texts and translations, a bank item
// reworded as a custom copy, interview probes per value — and the publish step that names missing translations.
import { describe, expect, it } from "vitest";
import { toRespondentInput } from "../../app/models/respondent-input.server";
import {
  ContentEditError,
  editCustomItem,
  getQuestionnaire,
  listVersions,
  type EditCustomItemFields,
} from "../../app/models/questionnaire.server";
import { createOrgValue } from "../../app/models/values.server";
import { findBankItem } from "../../app/questionnaire/bank.server";
import type { VersionTranslations } from "../../app/questionnaire/translations";
import type { Questionnaire } from "../../app/questionnaire/types";
import {
  action as builderAction,
  loader as builderLoader,
} from "../../app/routes/app.questionnaires.$questionnaireId._index";
import { action as newAction } from "../../app/routes/app.questionnaires.new";
import { loader as reportLoader } from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import { buildBenchmark } from "../../app/scoring";
import { getDb, nowIso } from "../../app/utils/db.server";
import { newId } from "../../app/utils/tokens.server";
import { withTestDatabase } from "../db";
import { getRequest, outcome, postForm } from "../factories";
import { makePositionRow, makeResponseRow } from "../factories-benchmark";
import { addCandidate } from "../factories-results";
import { makeStaffedOrganization } from "../factories-questionnaires";

withTestDatabase();

const OTHER_LOCALES = ["ro", "it", "sl", "fi", "es"] as const;
const CARE_ITEMS = ["lis-01", "lis-02", "lis-03", "emp-01", "emp-02", "emp-04", "own-01", "own-02", "own-03"];

async function createCare(cookie: string) {
  const res = await outcome(() =>
    newAction({
      request: postForm("/app/questionnaires/new", { title: "Care", start: "care" }, cookie),
      context: {},
      params: {},
    }),
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

async function versionRow(questionnaireId: string) {
  const row = await getDb()
    .selectFrom("questionnaire_versions")
    .select(["content_json", "translations_json"])
    .where("questionnaire_id", "=", questionnaireId)
    .orderBy("version", "desc")
    .executeTakeFirstOrThrow();
  return {
    content: JSON.parse(row.content_json) as Questionnaire,
    translations: JSON.parse(row.translations_json) as VersionTranslations,
  };
}

/** The builder's edit form for a statement: its English text and keying, and a text per language. */
function editFields(itemId: string, text: string, texts: Partial<Record<string, string>>) {
  return {
    intent: "edit-custom",
    itemId,
    type: "likert",
    text,
    keyed: "plus",
    ...Object.fromEntries(OTHER_LOCALES.map((l) => [`text_${l}`, texts[l] ?? ""])),
  };
}

describe("custom items: texts and translations", () => {
  it("edits a custom item's text and its translations; with all six texts the version offers six languages", async () => {
    const { adminCookie } = await makeStaffedOrganization();
    const id = await createCare(adminCookie);
    await act(
      id,
      { intent: "add-custom", value: "empathy", type: "likert", text: "I notice moods.", keyed: "plus", options: "" },
      adminCookie,
    );

    // A scenario-free statement: the texts per language, English rewritten at the same time.
    const texts = {
      ro: "RO Observ starea.",
      it: "IT Noto lo stato.",
      sl: "SL Opazim.",
      fi: "FI Huomaan.",
      es: "ES Noto.",
    };
    const edited = await act(id, editFields("empathy-c1", "I notice how a customer feels.", texts), adminCookie);
    expect(edited).toMatchObject({ status: 200, data: { ok: true, message: "Custom item empathy-c1 saved." } });
    const draft = (await getQuestionnaire((await firstOrg(id)).organization_id, id)).draft;
    const empathy = draft.values.find((v) => v.key === "empathy")!;
    expect(empathy.customItems).toEqual([
      {
        id: "empathy-c1",
        type: "likert",
        text: "I notice how a customer feels.",
        keyed: "plus",
        scale: { min: 1, max: 5 },
      },
    ]);
    expect(empathy.customTranslations["empathy-c1"]).toEqual(texts);

    // Every text is there: publishing needs no confirmation and offers English and the five translations.
    const published = await act(id, { intent: "publish" }, adminCookie);
    expect(published).toMatchObject({
      status: 200,
      data: { ok: true, message: "Published version 1, offered in 6 languages." },
    });
    const { translations } = await versionRow(id);
    expect(Object.keys(translations).sort()).toEqual(["es", "fi", "it", "ro", "sl"]);
    expect(translations.fi.items["empathy-c1"]).toBe("FI Huomaan.");
    expect((await listVersions((await firstOrg(id)).organization_id, id))[0].locales).toEqual([
      "en",
      "es",
      "fi",
      "it",
      "ro",
      "sl",
    ]);
  });

  it("refuses a translated scenario without its options, naming the language's field", async () => {
    const { adminCookie } = await makeStaffedOrganization();
    const id = await createCare(adminCookie);
    await act(
      id,
      { intent: "add-custom", value: "empathy", type: "scenario", text: "A customer cries.", options: "Wait\nHelp" },
      adminCookie,
    );
    const res = await act(
      id,
      {
        intent: "edit-custom",
        itemId: "empathy-c1",
        type: "scenario",
        text: "A customer cries.",
        options: "Wait\nHelp",
        text_fi: "Asiakas itkee.",
        options_fi: "Odotan",
      },
      adminCookie,
    );
    expect(res.status).toBe(400);
    expect((res.data as { fieldErrors: Record<string, string[]> }).fieldErrors.options_fi).toEqual([
      "Write the 2 options in this language too, one per line in the English order.",
    ]);
    // Nothing was written.
    const draft = (await getQuestionnaire((await firstOrg(id)).organization_id, id)).draft;
    expect(draft.values.find((v) => v.key === "empathy")!.customTranslations).toEqual({});
  });

  it("rewords a bank item as a custom copy with a new id that replaces it in the draft", async () => {
    const { adminCookie } = await makeStaffedOrganization();
    const id = await createCare(adminCookie);
    const res = await act(
      id,
      { intent: "reword:emp-02", title: "Care", values: ["listening", "empathy", "ownership"], items: CARE_ITEMS },
      adminCookie,
    );
    expect(res).toMatchObject({ status: 302, location: `/app/questionnaires/${id}?edit=empathy-c1#edit-custom` });
    const orgId = (await firstOrg(id)).organization_id;
    const empathy = (await getQuestionnaire(orgId, id)).draft.values.find((v) => v.key === "empathy")!;
    const bank = findBankItem("emp-02")!.item;
    expect(empathy.bankItemIds).toEqual(["emp-01", "emp-04"]);
    expect(empathy.customItems).toEqual([{ ...bank, id: "empathy-c1" }]);
    // The copy starts with the bank's translations of the same text.
    expect(Object.keys(empathy.customTranslations["empathy-c1"]).sort()).toEqual(["es", "fi", "it", "ro", "sl"]);

    // Reworded in English and Finnish only: the version offers English and Finnish, and keeps the other bank items.
    await editCustomItem(orgId, id, editInput("empathy-c1", "I can tell how a caller feels.", { fi: "FI tunne." }), {
      userId: null,
      label: "test",
    });
    const first = await act(id, { intent: "publish" }, adminCookie);
    expect(first.status).toBe(409);
    expect((first.data as { languageWarnings: string[] }).languageWarnings).toEqual([
      "Empathy has no Italian, Romanian, Slovenian or Spanish text for empathy-c1.",
      "The version will be offered in English and Finnish only.",
    ]);
    const confirmed = await act(id, { intent: "publish", confirmLanguages: "yes" }, adminCookie);
    expect(confirmed).toMatchObject({ status: 200, data: { message: "Published version 1, offered in 2 languages." } });
    const { content, translations } = await versionRow(id);
    expect(content.values.find((v) => v.id === "empathy")!.items.map((i) => [i.id, i.text])).toEqual([
      ["emp-01", findBankItem("emp-01")!.item.text],
      ["emp-04", findBankItem("emp-04")!.item.text],
      ["empathy-c1", "I can tell how a caller feels."],
    ]);
    expect(Object.keys(translations)).toEqual(["fi"]);
    expect(translations.fi.items["empathy-c1"]).toBe("FI tunne.");
  });
});

function editInput(itemId: string, text: string, texts: Partial<Record<string, string>>): EditCustomItemFields {
  return {
    itemId,
    type: "likert",
    text,
    keyed: "plus",
    options: "",
    translations: Object.fromEntries(OTHER_LOCALES.map((l) => [l, { text: texts[l] ?? "", options: [] }])),
  };
}

async function firstOrg(questionnaireId: string) {
  return getDb()
    .selectFrom("questionnaires")
    .select("organization_id")
    .where("id", "=", questionnaireId)
    .executeTakeFirstOrThrow();
}

describe("a custom value: missing Finnish text, probes", () => {
  it("warns before dropping Finnish, names what is missing, and publishes the complete languages after confirmation", async () => {
    const { org, admin, adminCookie } = await makeStaffedOrganization();
    const actor = { userId: admin.id, label: admin.email };
    const id = await createCare(adminCookie);
    await createOrgValue(
      org.id,
      "composure",
      { name: "Composure", description: "", iStatement: "", metrics: [], direction: "higher", weight: 1 },
      actor,
    );
    for (const text of ["I stay calm.", "I keep my voice level.", "I breathe before I answer."]) {
      await act(id, { intent: "add-custom", value: "composure", type: "likert", text, keyed: "plus" }, adminCookie);
    }
    // All five languages for c1 and c3; c2 lacks Finnish.
    const all = { ro: "RO", it: "IT", sl: "SL", fi: "FI", es: "ES" };
    await editCustomItem(org.id, id, editInput("composure-c1", "I stay calm.", all), actor);
    await editCustomItem(org.id, id, editInput("composure-c2", "I keep my voice level.", { ...all, fi: "" }), actor);
    await editCustomItem(org.id, id, editInput("composure-c3", "I breathe before I answer.", all), actor);

    const first = await act(id, { intent: "publish" }, adminCookie);
    expect(first.status).toBe(409);
    expect((first.data as { languageWarnings: string[] }).languageWarnings).toEqual([
      "Composure has no Finnish text for composure-c2.",
      "The version will be offered in English, Spanish, Italian, Romanian and Slovenian only.",
    ]);
    expect(await listVersions(org.id, id)).toEqual([]);

    const confirmed = await act(id, { intent: "publish", confirmLanguages: "yes" }, adminCookie);
    expect(confirmed).toMatchObject({ status: 200, data: { message: "Published version 1, offered in 5 languages." } });
    expect((await listVersions(org.id, id))[0].locales).toEqual(["en", "es", "it", "ro", "sl"]);
  });

  it("carries a custom value's probes into the published version and the report's interview guide", async () => {
    const { org, admin, adminCookie, recruiterCookie } = await makeStaffedOrganization();
    const actor = { userId: admin.id, label: admin.email };
    const id = await createCare(adminCookie);
    for (const [key, name] of [
      ["composure", "Composure"],
      ["candour", "Candour"],
    ]) {
      await createOrgValue(
        org.id,
        key,
        { name, description: "", iStatement: "", metrics: [], direction: "higher", weight: 1 },
        actor,
      );
      for (const n of [1, 2, 3]) {
        await act(
          id,
          { intent: "add-custom", value: key, type: "likert", text: `${name} ${n}.`, keyed: "plus" },
          adminCookie,
        );
      }
    }
    const probes = "Tell me about the angriest caller you had.\n\n  What did you do when you lost your temper?  ";
    const saved = await act(id, { intent: "save-probes", value: "composure", probes }, adminCookie);
    expect(saved).toMatchObject({ status: 200, data: { message: "Probes saved." } });
    await act(
      id,
      { intent: "save", title: "Care", values: ["composure", "candour"], items: [], includeAttention: [] },
      adminCookie,
    );
    const published = await act(id, { intent: "publish", confirmLanguages: "yes" }, adminCookie);
    expect(published.status).toBe(200);
    const { content } = await versionRow(id);
    expect(content.values.map((v) => [v.id, v.probes])).toEqual([
      ["composure", ["Tell me about the angriest caller you had.", "What did you do when you lost your temper?"]],
      // No probes of its own and no bank: the general question, so the guide is never empty.
      [
        "candour",
        ["Tell me about a recent situation at work that called for candour. What did you do, and how did it turn out?"],
      ],
    ]);

    // Six agents answer high, a candidate answers low on every item: the report's guide asks the composure probes.
    const version = await getDb()
      .selectFrom("questionnaire_versions")
      .select("id")
      .where("questionnaire_id", "=", id)
      .executeTakeFirstOrThrow();
    const positionId = await makePositionRow(org.id, version.id);
    const itemIds = content.values.flatMap((v) => v.items.map((i) => i.id));
    const agentAnswers = [
      [4, 5, 4],
      [5, 5, 4],
      [4, 4, 5],
      [5, 4, 5],
      [4, 5, 5],
      [5, 5, 5],
    ];
    for (const [n, three] of agentAnswers.entries()) {
      const answers = Object.fromEntries(itemIds.map((itemId, i) => [itemId, three[i % 3]]));
      await makeResponseRow(org.id, positionId, version.id, "agent", answers, { label: `agent ${n + 1}` });
    }
    const agents = await getDb()
      .selectFrom("responses")
      .select(["id", "answers_json", "page_times_json", "source"])
      .where("position_id", "=", positionId)
      .execute();
    const snapshot = buildBenchmark(
      content,
      agents.map((r) => toRespondentInput(content, r)),
      {},
      "vb-1",
    );
    await getDb()
      .insertInto("benchmarks")
      .values({
        id: newId(),
        organization_id: org.id,
        position_id: positionId,
        status: "active",
        snapshot_json: JSON.stringify(snapshot),
        created_at: nowIso(),
        created_by: null,
        activated_at: nowIso(),
        activated_by: null,
      })
      .execute();
    const { responseId } = await addCandidate(
      org.id,
      { positionId, versionId: version.id },
      Object.fromEntries(itemIds.map((itemId) => [itemId, 1])),
      "Low candidate",
    );
    const report = (await reportLoader({
      request: getRequest(`/app/positions/${positionId}/candidates/${responseId}`, recruiterCookie),
      context: {},
      params: { positionId, responseId },
    })) as unknown as { data: { values: { id: string; probes: string[]; probeReason: string | null }[] } };
    const composure = report.data.values.find((v) => v.id === "composure")!;
    expect(composure.probes).toEqual([
      "Tell me about the angriest caller you had.",
      "What did you do when you lost your temper?",
    ]);
    expect(composure.probeReason).not.toBeNull();
    expect(report.data.values.find((v) => v.id === "candour")!.probes).toHaveLength(1);
  });
});

describe("the builder in the reader's language (issue 18)", () => {
  it("answers a Finnish admin in Finnish: validation, refusals, publish warnings and messages; English stays", async () => {
    const { org, admin, adminCookie } = await makeStaffedOrganization();
    const actor = { userId: admin.id, label: admin.email };
    const id = await createCare(adminCookie);
    await createOrgValue(
      org.id,
      "composure",
      { name: "Composure", description: "", iStatement: "", metrics: [], direction: "higher", weight: 1 },
      actor,
    );
    await getDb().updateTable("users").set({ language: "fi" }).where("organization_id", "=", org.id).execute();

    // Validation errors of the schema, translated by parseForm for the reader.
    const noKeying = await act(
      id,
      { intent: "add-custom", value: "composure", type: "likert", text: "I stay calm." },
      adminCookie,
    );
    expect(noKeying.status).toBe(400);
    expect((noKeying.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      keyed: ["Valitse pisteytyksen suunta: kertooko samaa mieltä oleminen arvosta enemmän (+) vai vähemmän (−)."],
    });
    const oneOption = await act(
      id,
      { intent: "add-custom", value: "composure", type: "scenario", text: "A caller shouts.", options: "Listen" },
      adminCookie,
    );
    expect((oneOption.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      options: ["Kirjoita 2–6 vaihtoehtoa, kukin omalle rivilleen."],
    });
    const noTitle = await act(id, { intent: "save", title: "", values: ["listening"], items: CARE_ITEMS }, adminCookie);
    expect((noTitle.data as { fieldErrors: Record<string, string[]> }).fieldErrors.title).toEqual([
      "Otsikko: pakollinen tieto.",
    ]);

    // Success messages, with the item id as a parameter.
    for (const text of ["I stay calm.", "I keep my voice level.", "I breathe before I answer."]) {
      const added = await act(
        id,
        { intent: "add-custom", value: "composure", type: "likert", text, keyed: "plus" },
        adminCookie,
      );
      expect(added.status).toBe(200);
    }
    const all = { ro: "RO", it: "IT", sl: "SL", fi: "FI", es: "ES" };
    await editCustomItem(org.id, id, editInput("composure-c1", "I stay calm.", all), actor);
    await editCustomItem(org.id, id, editInput("composure-c2", "I keep my voice level.", { ...all, fi: "" }), actor);
    await editCustomItem(org.id, id, editInput("composure-c3", "I breathe before I answer.", all), actor);

    // A model refusal (ContentEditError) naming the item's current type in Finnish, and an unknown bank item.
    const retype = await act(
      id,
      { intent: "edit-custom", itemId: "composure-c1", type: "scenario", text: "I stay calm.", options: "a\nb" },
      adminCookie,
    );
    expect(retype).toMatchObject({
      status: 400,
      data: { formError: "Kysymys composure-c1 on tyyppiä väittämä; sen tyyppiä ei voi muuttaa." },
    });
    const reword = await act(
      id,
      {
        intent: "reword:zzz-99",
        title: "Care",
        values: ["listening", "empathy", "ownership", "composure"],
        items: CARE_ITEMS,
      },
      adminCookie,
    );
    expect(reword).toMatchObject({
      status: 400,
      data: { formError: "”zzz-99” ei ole minkään arvonne kysymyspankin kysymys." },
    });
    // The same refusal reads in English for everyone else (scripts, the API, the logs).
    await expect(
      editCustomItem(org.id, id, { ...editInput("composure-c1", "I stay calm.", {}), type: "rating" }, actor),
    ).rejects.toBeInstanceOf(ContentEditError);
    await expect(
      editCustomItem(org.id, id, { ...editInput("composure-c1", "I stay calm.", {}), type: "rating" }, actor),
    ).rejects.toThrow("Item composure-c1 is a likert item; its type cannot change.");

    // Publishing names the missing language in Finnish, languages named and listed the Finnish way.
    const first = await act(id, { intent: "publish" }, adminCookie);
    expect(first).toMatchObject({
      status: 409,
      data: { formError: "Joitakin tekstejä puuttuu muilta kieliltä; vahvista julkaisu ilman näitä kieliä." },
    });
    expect((first.data as { languageWarnings: string[] }).languageWarnings).toEqual([
      "Composure: teksti puuttuu kielellä suomi kysymyksistä composure-c2.",
      "Versio tarjotaan vain näillä kielillä: englanti, espanja, italia, romania ja sloveeni.",
    ]);
    const confirmed = await act(id, { intent: "publish", confirmLanguages: "yes" }, adminCookie);
    expect(confirmed).toMatchObject({ status: 200, data: { message: "Versio 1 julkaistu, tarjolla 5 kielellä." } });
    const again = await act(id, { intent: "publish", confirmLanguages: "yes" }, adminCookie);
    expect(again).toMatchObject({
      status: 400,
      data: { formError: "Mikään ei ole muuttunut version 1 jälkeen; julkaistavaa ei ole." },
    });

    // The loader names languages in Finnish (the versions table and the translations editor use these names).
    const page = await outcome(() =>
      builderLoader({
        request: getRequest(`/app/questionnaires/${id}`, adminCookie),
        context: {},
        params: { questionnaireId: id },
      }),
    );
    const data = page.data as { title: string; languageNames: Record<string, string> };
    expect(data.title).toBe("Care · valuebench");
    expect(data.languageNames).toMatchObject({ en: "englanti", fi: "suomi", sl: "sloveeni" });
  });
});

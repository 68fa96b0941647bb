// Issue 11: questionnaires and the answering flow in the candidates' languages.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { createInvitations } from "../../app/models/invitation.server";
import {
  addCustomItem,
  canonicalJson,
  createQuestionnaire,
  listVersions,
  publishQuestionnaire,
} from "../../app/models/questionnaire.server";
import type { VersionTranslations } from "../../app/questionnaire/translations";
import type { Questionnaire } from "../../app/questionnaire/types";
import { action as inviteAction, loader as inviteLoader } from "../../app/routes/i.$token";
import { action as pageAction, loader as pageLoader } from "../../app/routes/r.$page";
import { action as languageAction } from "../../app/routes/r.language";
import { loader as shellLoader } from "../../app/routes/r";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/r.review";
import { loader as reportLoader } from "../../app/routes/app.positions.$positionId.candidates.$responseId";
import { action as positionAction, loader as positionLoader } from "../../app/routes/app.positions.$positionId._index";
import { getDb } from "../../app/utils/db.server";
import { sha256Hex } from "../../app/utils/tokens.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { exampleCandidates, makeResultsPosition } from "../factories-results";

withTestDatabase();

// A private copy of questions/ so a translation can be edited without touching the repository's files.
const questions = mkdtempSync(path.join(os.tmpdir(), "vb-i18n-questions-"));
beforeAll(() => {
  cpSync(path.resolve("questions"), questions, { recursive: true });
  process.env.QUESTIONS_DIR = questions;
});

const ORIGIN = "http://localhost:3000";
let ipSeq = 0;

async function versionRow(versionId: string) {
  return getDb()
    .selectFrom("questionnaire_versions")
    .select(["content_json", "translations_json", "sha256", "version"])
    .where("id", "=", versionId)
    .executeTakeFirstOrThrow();
}

describe("publishing with translations", () => {
  it("stores every fully translated locale and a sha256 that covers each locale's text", async () => {
    const org = await makeOrganization("Translated Org");
    const admin = await makeUser(org.id, "admin");
    const actor = { userId: admin.id, label: admin.email };
    const questionnaireId = await createQuestionnaire(org.id, { title: "Care", templateId: "care" }, actor);

    const v1 = await publishQuestionnaire(org.id, questionnaireId, actor);
    expect(v1.ok).toBe(true);
    if (!v1.ok) return;
    const row1 = await versionRow(v1.versionId);
    const translations1 = JSON.parse(row1.translations_json) as VersionTranslations;
    // The care template's four values (listening, empathy, ownership, clear communication) and the attention items
    // are translated in all five languages.
    expect(Object.keys(translations1).sort()).toEqual(["es", "fi", "it", "ro", "sl"]);
    const content = JSON.parse(row1.content_json) as Questionnaire;
    const itemIds = content.values.flatMap((v) => v.items.map((i) => i.id)).sort();
    expect(Object.keys(translations1.fi.items).sort()).toEqual(itemIds);
    expect(Object.keys(translations1.fi.attention).sort()).toEqual(content.attention.map((a) => a.id).sort());
    expect(translations1.fi.values.empathy.name).toBe("Empatia");
    // The hash covers content and translations (not the content alone, the rule for untranslated versions).
    expect(row1.sha256).toBe(sha256Hex(canonicalJson({ content, translations: translations1 })));
    expect(row1.sha256).not.toBe(sha256Hex(row1.content_json));
    const [listed] = await listVersions(org.id, questionnaireId);
    expect(listed.locales).toEqual(["en", "es", "fi", "it", "ro", "sl"]);

    // Unchanged bank and translations: nothing to publish.
    const again = await publishQuestionnaire(org.id, questionnaireId, actor);
    expect(again).toMatchObject({ ok: false });

    // A translator fixes one Finnish item: the next version has the same content, another Finnish text, another hash.
    const file = path.join(questions, "i18n", "fi", "empathy.yaml");
    const doc = parse(readFileSync(file, "utf8")) as { items: Record<string, unknown> };
    doc.items["emp-01"] = "Huomaan asiakkaan tunteet jo hänen kirjoitustavastaan (korjattu).";
    writeFileSync(file, stringify(doc));
    const v2 = await publishQuestionnaire(org.id, questionnaireId, actor);
    expect(v2.ok).toBe(true);
    if (!v2.ok) return;
    const row2 = await versionRow(v2.versionId);
    const translations2 = JSON.parse(row2.translations_json) as VersionTranslations;
    expect({ ...(JSON.parse(row2.content_json) as Questionnaire), version: 1 }).toEqual(content);
    expect(translations2.fi.items["emp-01"]).toBe("Huomaan asiakkaan tunteet jo hänen kirjoitustavastaan (korjattu).");
    expect(translations2.sl).toEqual(translations1.sl);
    expect(row2.sha256).not.toBe(row1.sha256);

    // A custom item has no translation anywhere: the next version is English only, hashed by the original rule.
    await addCustomItem(
      org.id,
      questionnaireId,
      { value: "empathy", type: "likert", text: "I write my own items.", keyed: "plus", options: "" },
      actor,
    );
    const v3 = await publishQuestionnaire(org.id, questionnaireId, actor);
    expect(v3.ok).toBe(true);
    if (!v3.ok) return;
    const row3 = await versionRow(v3.versionId);
    expect(row3.translations_json).toBe("{}");
    expect(row3.sha256).toBe(sha256Hex(row3.content_json));
    expect((await listVersions(org.id, questionnaireId))[0].locales).toEqual(["en"]);
  });
});

// ---------------------------------------------------------------- answering in Finnish

/** A Finnish translation of the example questionnaire (every text prefixed), stored on its version. */
async function translateExampleVersion(versionId: string, q: Questionnaire) {
  const fi = {
    values: Object.fromEntries(
      q.values.map((v) => [v.id, { name: `FI ${v.name}`, description: `FI ${v.description ?? ""}` }]),
    ),
    items: Object.fromEntries(
      q.values.flatMap((v) =>
        v.items.map((i) => [
          i.id,
          i.type === "scenario"
            ? { text: `FI ${i.text}`, options: Object.fromEntries(i.options.map((o) => [o.id, `FI ${o.text}`])) }
            : `FI ${i.text}`,
        ]),
      ),
    ),
    attention: Object.fromEntries(q.attention.map((a) => [a.id, `FI ${a.text}`])),
    probes: {},
  };
  await getDb()
    .updateTable("questionnaire_versions")
    .set({ translations_json: JSON.stringify({ fi }) })
    .where("id", "=", versionId)
    .execute();
}

function cookieFrom(setCookie: string | null): string {
  return (setCookie ?? "").split(";")[0];
}

/** Consents through the landing page (in the language it shows) and answers every page, then submits. */
async function answerThroughTheFlow(token: string, answers: Record<string, string | number | null>) {
  ipSeq += 1;
  const consented = await outcome(() =>
    inviteAction({
      request: postForm(`/i/${token}`, { consent: "yes" }),
      params: { token },
      context: { clientIp: `10.11.0.${ipSeq}` },
    }),
  );
  expect(consented.status).toBe(302);
  const cookie = cookieFrom(consented.headers.get("Set-Cookie"));
  const texts: string[] = [];
  for (let page = 1; ; page++) {
    const loaded = await outcome(() =>
      pageLoader({ request: getRequest(`/r/${page}`, cookie), params: { page: String(page) }, context: {} }),
    );
    expect(loaded.status).toBe(200);
    const view = loaded.data as {
      pageCount: number;
      revision: number;
      questions: { id: string; item: { text: string } }[];
    };
    texts.push(...view.questions.map((q) => q.item.text));
    const fields: Record<string, string> = {
      intent: page < view.pageCount ? "next" : "review",
      baseRevision: String(view.revision),
      renderedAt: String(Date.now() - 60_000),
    };
    for (const q of view.questions) {
      const answer = answers[q.id];
      if (answer !== undefined && answer !== null) fields[`a:${q.id}`] = String(answer);
    }
    const posted = await outcome(() =>
      pageAction({ request: postForm(`/r/${page}`, fields, cookie), params: { page: String(page) }, context: {} }),
    );
    expect(posted.status).toBe(302);
    if (page >= view.pageCount) break;
  }
  const review = await outcome(() =>
    reviewLoader({ request: getRequest("/r/review", cookie), params: {}, context: {} }),
  );
  const { revision } = review.data as { revision: number };
  const submitted = await outcome(() =>
    reviewAction({
      request: postForm("/r/review", { intent: "submit", baseRevision: String(revision) }, cookie),
      params: {},
      context: {},
    }),
  );
  expect(submitted.location).toBe("/r/done");
  return { cookie, texts };
}

async function inviteCandidate(orgId: string, positionId: string, actorId: string, name: string, locale: string) {
  const [issued] = await createInvitations(
    orgId,
    positionId,
    "candidate",
    [{ name, email: null, locale }],
    { userId: actorId, label: "test" },
    ORIGIN,
  );
  return { token: issued.link.slice(`${ORIGIN}/i/`.length), invitationId: issued.invitationId };
}

async function responseOf(invitationId: string) {
  return getDb()
    .selectFrom("responses")
    .select(["id", "locale"])
    .where("invitation_id", "=", invitationId)
    .executeTakeFirstOrThrow();
}

async function currentScore(responseId: string) {
  return getDb()
    .selectFrom("scores")
    .select(["result_json", "overall"])
    .where("response_id", "=", responseId)
    .where("is_current", "=", 1)
    .executeTakeFirstOrThrow();
}

describe("answering in Finnish", () => {
  it("shows Finnish texts, keeps the switch on the response, scores like English and marks cross-language reports", async () => {
    const org = await makeOrganization("Finnish Org");
    const recruiter = await makeUser(org.id, "recruiter");
    const staffCookie = await sessionCookieFor(recruiter.id);
    const position = await makeResultsPosition(org.id);
    await translateExampleVersion(position.versionId, position.q);
    const answers = exampleCandidates().c01;

    // The recruiter is offered English and Finnish only; the organization default (en) is preselected.
    const overview = await outcome(() =>
      positionLoader({
        request: getRequest(`/app/positions/${position.positionId}`, staffCookie),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    expect(overview.data).toMatchObject({
      localeOptions: [
        { code: "en", name: "English" },
        { code: "fi", name: "Finnish" },
      ],
      defaultLocale: "en",
    });
    const refused = await outcome(() =>
      positionAction({
        request: postForm(
          `/app/positions/${position.positionId}`,
          { intent: "invite-one", kind: "candidate", name: "Sanna", email: "", locale: "sl" },
          staffCookie,
        ),
        params: { positionId: position.positionId },
        context: {},
      }),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("not published in that language");

    const fiInvite = await inviteCandidate(org.id, position.positionId, recruiter.id, "Aino Suomalainen", "fi");
    const enInvite = await inviteCandidate(org.id, position.positionId, recruiter.id, "Emma English", "en");

    // The landing page is in Finnish, with only the Finnish catalog.
    const landing = await outcome(() =>
      inviteLoader({ request: getRequest(`/i/${fiInvite.token}`), params: { token: fiInvite.token }, context: {} }),
    );
    expect(landing.data).toMatchObject({
      locale: "fi",
      availableLocales: ["en", "fi"],
      valueNames: ["FI Empathy", "FI Patience", "FI Pace"],
    });
    expect((landing.data as { catalog: { landing: { start: string } } }).catalog.landing.start).toBe("Aloita");
    // ?lang= shows another offered language (nothing stored); an unoffered one falls back to the source language.
    const inEnglish = await outcome(() =>
      inviteLoader({
        request: getRequest(`/i/${fiInvite.token}?lang=en`),
        params: { token: fiInvite.token },
        context: {},
      }),
    );
    expect(inEnglish.data).toMatchObject({ locale: "en" });
    const unoffered = await outcome(() =>
      inviteLoader({
        request: getRequest(`/i/${fiInvite.token}?lang=sl`),
        params: { token: fiInvite.token },
        context: {},
      }),
    );
    expect(unoffered.data).toMatchObject({ locale: "en" });

    const fi = await answerThroughTheFlow(fiInvite.token, answers);
    const en = await answerThroughTheFlow(enInvite.token, answers);
    expect(fi.texts.length).toBe(Object.keys(answers).length);
    expect(fi.texts.every((t) => t.startsWith("FI "))).toBe(true);
    expect(en.texts.some((t) => t.startsWith("FI "))).toBe(false);
    const fiResponse = await responseOf(fiInvite.invitationId);
    const enResponse = await responseOf(enInvite.invitationId);
    expect(fiResponse.locale).toBe("fi");
    expect(enResponse.locale).toBe("en");

    // Same answers, same engine result, whatever the language.
    const fiScore = await currentScore(fiResponse.id);
    const enScore = await currentScore(enResponse.id);
    expect(fiScore.overall).not.toBeNull();
    const withoutRespondent = (json: string) => ({ ...(JSON.parse(json) as object), respondent: null });
    expect(withoutRespondent(fiScore.result_json)).toEqual(withoutRespondent(enScore.result_json));
    expect(fiScore.overall).toBe(enScore.overall);

    // The switch persists on the response: to English and back; an unoffered language changes nothing.
    const toEnglish = await outcome(() =>
      languageAction({
        request: postForm("/r/language", { locale: "en", returnTo: "/r/done" }, fi.cookie),
        params: {},
        context: {},
      }),
    );
    expect(toEnglish.location).toBe("/r/done");
    expect((await responseOf(fiInvite.invitationId)).locale).toBe("en");
    const shell = await outcome(() =>
      shellLoader({ request: getRequest("/r/done", fi.cookie), params: {}, context: {} }),
    );
    expect(shell.data).toMatchObject({ locale: "en" });
    await outcome(() =>
      languageAction({
        request: postForm("/r/language", { locale: "sl", returnTo: "https://evil.example/" }, fi.cookie),
        params: {},
        context: {},
      }),
    );
    expect((await responseOf(fiInvite.invitationId)).locale).toBe("en");
    const back = await outcome(() =>
      languageAction({
        request: postForm("/r/language", { locale: "fi", returnTo: "https://evil.example/" }, fi.cookie),
        params: {},
        context: {},
      }),
    );
    expect(back.location).toBe("/r");
    expect((await responseOf(fiInvite.invitationId)).locale).toBe("fi");

    // The report: the included agents all answered in English, so the Finnish answers are a cross-language comparison.
    const benchmark = await getDb()
      .selectFrom("benchmarks")
      .select("snapshot_json")
      .where("id", "=", position.benchmarkId!)
      .executeTakeFirstOrThrow();
    const included = (JSON.parse(benchmark.snapshot_json) as { included: string[] }).included;
    const excluded = Object.values(position.agentIds).filter((id) => !included.includes(id));
    expect([included.length, excluded.length]).toEqual([12, 1]);
    const report = async (responseId: string) => {
      const res = await outcome(() =>
        reportLoader({
          request: getRequest(`/app/positions/${position.positionId}/candidates/${responseId}`, staffCookie),
          params: { positionId: position.positionId, responseId },
          context: {},
        }),
      );
      expect(res.status).toBe(200);
      return (res.data as { language: { locale: string; sameLanguageAgents: number; crossLanguage: boolean } })
        .language;
    };
    expect(await report(fiResponse.id)).toMatchObject({ locale: "fi", sameLanguageAgents: 0, crossLanguage: true });
    expect(await report(enResponse.id)).toMatchObject({ locale: "en", sameLanguageAgents: 12, crossLanguage: false });

    const setInFinnish = (ids: string[]) =>
      getDb().updateTable("responses").set({ locale: "fi" }).where("id", "in", ids).execute();
    // An excluded agent does not count; four included ones are still too few.
    await setInFinnish([...excluded, ...included.slice(0, 4)]);
    expect(await report(fiResponse.id)).toMatchObject({ sameLanguageAgents: 4, crossLanguage: true });
    await setInFinnish(included.slice(0, 5));
    expect(await report(fiResponse.id)).toMatchObject({ sameLanguageAgents: 5, crossLanguage: false });
    // 7 English agents remain: still enough for the English candidate; with 8 Finnish agents only 4 English remain.
    expect(await report(enResponse.id)).toMatchObject({ sameLanguageAgents: 7, crossLanguage: false });
    await setInFinnish(included.slice(0, 8));
    expect(await report(enResponse.id)).toMatchObject({ sameLanguageAgents: 4, crossLanguage: true });
  });
});

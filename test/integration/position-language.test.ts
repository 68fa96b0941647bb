// Issue 18: the position page and the invitation pipeline answer a Finnish recruiter in Finnish — validation messages,
// pasted-list line errors, action messages, closed-position refusals, language names — and an English one exactly as
// before.
import { describe, expect, it } from "vitest";
import { action as positionAction, loader as positionLoader } from "../../app/routes/app.positions.$positionId._index";
import {
  action as pipelineAction,
  loader as pipelineLoader,
} from "../../app/routes/app.positions.$positionId.invitations";
import { withTestDatabase } from "../db";
import { getRequest, outcome, postForm } from "../factories";
import { invite, makeRecruiterWithPosition } from "../factories-answering";

const testDb = withTestDatabase();

type Failure = { formError: string | null; fieldErrors: Record<string, string[]>; lineErrors?: unknown };

async function setup(language: "fi" | null) {
  const s = await makeRecruiterWithPosition(language ? "Kieli Oy" : "Language Ltd");
  if (language) {
    await testDb.db().updateTable("users").set({ language }).where("id", "=", s.recruiter.id).execute();
  }
  return s;
}

const post = (positionId: string, fields: Record<string, string>, cookie: string) =>
  outcome(() =>
    positionAction({
      request: postForm(`/app/positions/${positionId}`, fields, cookie),
      params: { positionId },
      context: {},
    }),
  );

const postPipeline = (positionId: string, fields: Record<string, string>, cookie: string) =>
  outcome(() =>
    pipelineAction({
      request: postForm(`/app/positions/${positionId}/invitations`, fields, cookie),
      params: { positionId },
      context: {},
    }),
  );

const inviteOne = (fields: Record<string, string>) => ({
  intent: "invite-one",
  kind: "candidate",
  locale: "en",
  ...fields,
});

describe("the position page in the reader's language", () => {
  it("gives a Finnish recruiter the validation messages of invite-one in Finnish, an English one in English", async () => {
    const fi = await setup("fi");
    const bad = await post(fi.positionId, inviteOne({ name: "", email: "not-an-address" }), fi.cookie);
    expect(bad.status).toBe(400);
    expect((bad.data as Failure).fieldErrors).toEqual({
      name: ["Nimi: pakollinen tieto."],
      email: ["Anna sähköpostiosoite muodossa nimi@example.com tai jätä kenttä tyhjäksi."],
    });

    const en = await setup(null);
    const english = await post(en.positionId, inviteOne({ name: "", email: "not-an-address" }), en.cookie);
    expect((english.data as Failure).fieldErrors).toEqual({
      name: ["Name is required."],
      email: ["Enter an email address like name@example.com, or leave it empty."],
    });
  });

  it("answers a pasted list's line errors and the success messages in Finnish, with Finnish plurals", async () => {
    const s = await setup("fi");
    const list = { intent: "invite-list", kind: "agent", group: "top", locale: "en" };
    const bad = await post(s.positionId, { ...list, list: "Aino, a@b.fi\nEero, a@b.fi\nX, Y, Z" }, s.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      formError: "Mitään ei luotu. Korjaa nämä rivit ja lähetä luettelo uudelleen.",
      lineErrors: [
        { line: 2, message: "a@b.fi on jo rivillä 1." },
        {
          line: 3,
          message: "Kirjoita yksi henkilö riville muodossa ”nimi, sähköposti” (nimessä ei voi olla pilkkua).",
        },
      ],
    });
    const one = await post(s.positionId, { ...list, list: "Aino" }, s.cookie);
    expect(one.data).toMatchObject({ ok: true, message: "1 henkilö kutsuttu." });
    const two = await post(s.positionId, { ...list, list: "Eero\nSanna, sanna@b.fi" }, s.cookie);
    expect(two.data).toMatchObject({ ok: true, message: "2 henkilöä kutsuttu." });
    const single = await post(s.positionId, inviteOne({ name: "Ville" }), s.cookie);
    expect(single.data).toMatchObject({ ok: true, message: "Kutsu luotu: Ville." });
  });

  it("refuses invitations to a closed position in Finnish; the loader names languages in Finnish", async () => {
    const s = await setup("fi");
    await testDb.db().updateTable("positions").set({ status: "closed" }).where("id", "=", s.positionId).execute();
    const refused = await post(s.positionId, inviteOne({ name: "Ville" }), s.cookie);
    expect(refused.status).toBe(409);
    expect((refused.data as Failure).formError).toBe(
      "Tämä tehtävä on suljettu, joten ketään uutta ei voi kutsua. Avaa se ensin uudelleen kohdassa ”Muokkaa tehtävää”.",
    );
    const page = await outcome(() =>
      positionLoader({
        request: getRequest(`/app/positions/${s.positionId}`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect(page.data).toMatchObject({
      title: "Support agent · valuebench",
      localeOptions: [{ code: "en", name: "englanti" }],
    });
  });

  it("answers the pipeline's actions and page in Finnish", async () => {
    const s = await setup("fi");
    const issued = await invite(s.org.id, s.positionId, s.recruiter.id, "candidate", { name: "Pat Agent" });
    const remind = await postPipeline(s.positionId, { intent: "remind", invitationId: issued.invitationId }, s.cookie);
    expect(remind.status).toBe(409);
    expect((remind.data as Failure).formError).toBe(
      "Henkilöllä Pat Agent ei ole sähköpostiosoitetta, johon muistutuksen voisi lähettää.",
    );
    const unknown = await postPipeline(s.positionId, { intent: "shout", invitationId: issued.invitationId }, s.cookie);
    expect((unknown.data as Failure).fieldErrors).toEqual({ intent: ["Tuntematon toiminto."] });
    const revoked = await postPipeline(s.positionId, { intent: "revoke", invitationId: issued.invitationId }, s.cookie);
    expect(revoked.data).toMatchObject({ ok: true, message: "Linkki on peruttu: se ei enää toimi." });
    const page = await outcome(() =>
      pipelineLoader({
        request: getRequest(`/app/positions/${s.positionId}/invitations`, s.cookie),
        params: { positionId: s.positionId },
        context: {},
      }),
    );
    expect(page.data).toMatchObject({
      title: "Kutsut · Support agent · valuebench",
      rows: [{ name: "Pat Agent", language: "en", languageName: "englanti", status: "revoked" }],
    });
  });
});

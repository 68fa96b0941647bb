// Issue 18: the staff area's language. A user's pick (profile menu) beats the organization's default; the login page
// follows Accept-Language; a form's validation messages come back in the reader's language; the pick is stored on
// the user's own row only (tenant filter).
import { describe, expect, it } from "vitest";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { getSessionUser } from "../../app/utils/session.server";
import * as appLayout from "../../app/routes/app";
import * as profileRoute from "../../app/routes/app.profile";
import * as loginRoute from "../../app/routes/login";

const testDb = withTestDatabase();

async function setup() {
  const org = await makeOrganization("Kieli Oy");
  const other = await makeOrganization("Other Org");
  const recruiter = await makeUser(org.id, "recruiter");
  const stranger = await makeUser(other.id, "recruiter");
  return { org, other, recruiter, stranger, cookie: await sessionCookieFor(recruiter.id) };
}

const profile = (fields: Record<string, string>, cookie: string) =>
  outcome(() => profileRoute.action({ request: postForm("/app/profile", fields, cookie), params: {}, context: {} }));

const layout = (cookie: string) =>
  outcome(() => appLayout.loader({ request: getRequest("/app", cookie), params: {}, context: {} }));

describe("staff language", () => {
  it("uses the organization's default until the user picks a language, then the pick", async () => {
    const s = await setup();
    expect((await layout(s.cookie)).data).toMatchObject({ staffLocale: "en", organizationLanguage: "en" });
    await testDb.db().updateTable("organizations").set({ staff_language: "sl" }).where("id", "=", s.org.id).execute();
    expect((await layout(s.cookie)).data).toMatchObject({ staffLocale: "sl", organizationLanguage: "sl" });

    const picked = await profile({ language: "fi", redirectTo: "/app/positions?page=2" }, s.cookie);
    expect(picked.status).toBe(302);
    expect(picked.headers.get("Location")).toBe("/app/positions?page=2");
    const user = await getSessionUser(getRequest("/app", s.cookie));
    expect(user).toMatchObject({ language: "fi", organizationLanguage: "sl", locale: "fi" });
    expect((await layout(s.cookie)).data).toMatchObject({ staffLocale: "fi" });

    // "" goes back to the organization's default
    await profile({ language: "" }, s.cookie);
    expect((await layout(s.cookie)).data).toMatchObject({ staffLocale: "sl" });
  });

  it("refuses an unknown language with a message in the reader's language, and an outside redirect", async () => {
    const s = await setup();
    await profile({ language: "fi" }, s.cookie);
    const bad = await profile({ language: "xx" }, s.cookie);
    expect(bad.status).toBe(400);
    expect((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors.language).toEqual([
      "Valitse kieli luettelosta.",
    ]);
    const outside = await profile({ language: "es", redirectTo: "https://evil.test/" }, s.cookie);
    expect(outside.headers.get("Location")).toBe("/app");
  });

  it("changes only the user's own row", async () => {
    const s = await setup();
    await profile({ language: "it" }, s.cookie);
    const rows = await testDb
      .db()
      .selectFrom("users")
      .select(["id", "language"])
      .where("id", "in", [s.recruiter.id, s.stranger.id])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.language]))).toEqual({
      [s.recruiter.id]: "it",
      [s.stranger.id]: null,
    });
  });

  it("needs a signed-in staff user", async () => {
    const anonymous = await profile({ language: "fi" }, "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("the login page follows Accept-Language, its messages too", async () => {
    const request = new Request("http://localhost/login", {
      headers: { "Accept-Language": "de-DE, fi;q=0.8, en;q=0.5" },
    });
    const page = await outcome(() => loginRoute.loader({ request, params: {}, context: {} }));
    expect(page.data).toMatchObject({ staffLocale: "fi", title: "Kirjaudu sisään · valuebench" });
    const post = postForm("/login", { email: "", password: "" });
    post.headers.set("Accept-Language", "es");
    const failed = await outcome(() => loginRoute.action({ request: post, params: {}, context: {} }));
    expect(failed.status).toBe(400);
    expect((failed.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      email: ["Introduce tu correo electrónico.", "Introduce una dirección de correo electrónico válida."],
      password: ["Introduce tu contraseña."],
    });
  });
});

// Issue 15, item 7: adding a staff member must not reveal whether an address has an account in another organization.
import { describe, expect, it } from "vitest";
import { action as teamAction } from "../../app/routes/app.team";
import { setUserLanguage } from "../../app/models/staff-language.server";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser, outcome, postForm, sessionCookieFor, type Outcome } from "../factories";

withTestDatabase();

function addStaff(email: string, cookie: string) {
  return outcome(() =>
    teamAction({
      request: postForm(
        "/app/team",
        { name: "Pat Person", email, role: "recruiter", password: "a-long-enough-password" },
        cookie,
      ),
      context: {},
      params: {},
    }),
  );
}

/** What the admin's browser can tell apart: status, headers (but cookies and dates) and the body with the address masked. */
function visible(res: Outcome, email: string) {
  const headers = [...res.headers.entries()].filter(([name]) => !["set-cookie", "date"].includes(name.toLowerCase()));
  return { status: res.status, headers, body: JSON.stringify(res.data).split(email).join("<address>") };
}

describe("adding a staff member whose address is used by another organization", () => {
  it("answers exactly as for a new address, creates no account and tells the owner by mail", async () => {
    const a = await makeOrganization("Alpha Support");
    const b = await makeOrganization("Beta Care");
    const adminA = await makeUser(a.id, "admin");
    const memberB = await makeUser(b.id, "recruiter");
    const cookie = await sessionCookieFor(adminA.id);

    const fresh = await addStaff("brand.new@example.test", cookie);
    const taken = await addStaff(memberB.email.toUpperCase(), cookie);

    expect(fresh.status).toBe(200);
    expect(visible(taken, memberB.email.toUpperCase())).toEqual(visible(fresh, "brand.new@example.test"));

    // no second account: the address still belongs to organization B only
    const accounts = await getDb()
      .selectFrom("users")
      .select(["id", "organization_id"])
      .where("email", "=", memberB.email)
      .execute();
    expect(accounts).toEqual([{ id: memberB.id, organization_id: b.id }]);
    // the owner's mail, kept in the owner's organization's outbox
    const mails = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", memberB.email).execute();
    expect(mails).toHaveLength(1);
    expect(mails[0].organization_id).toBe(b.id);
    expect(mails[0].subject).toBe("Alpha Support tried to add you to their team on valuebench");
    expect(mails[0].body).toContain('belongs to your account with "Beta Care"');
    // organization A's log and outbox say nothing about the address
    const auditA = await getDb()
      .selectFrom("audit_log")
      .select(["action", "details_json", "actor_label"])
      .where("organization_id", "=", a.id)
      .execute();
    expect(JSON.stringify(auditA)).not.toContain(memberB.email);
    expect(auditA.filter((e) => e.action === "staff.added")).toHaveLength(1);
    const auditB = await getDb()
      .selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("organization_id", "=", b.id)
      .execute();
    expect(auditB).toEqual([{ action: "staff.added_elsewhere_refused", target_id: memberB.id }]);
    const outboxA = await getDb().selectFrom("outbox").select("id").where("organization_id", "=", a.id).execute();
    expect(outboxA).toHaveLength(0);
  });

  it("tells the owner in their own language: their pick, else their organization's staff language", async () => {
    const a = await makeOrganization("Alpha Support");
    const b = await makeOrganization("Beta Care");
    const cookie = await sessionCookieFor((await makeUser(a.id, "admin")).id);
    const finn = await makeUser(b.id, "recruiter");
    await setUserLanguage(b.id, finn.id, "fi");
    const spaniard = await makeUser(b.id, "recruiter");
    await getDb().updateTable("organizations").set({ staff_language: "es" }).where("id", "=", b.id).execute();
    await addStaff(finn.email, cookie);
    await addStaff(spaniard.email, cookie);
    const mail = async (to: string) =>
      getDb().selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", to).executeTakeFirstOrThrow();
    expect((await mail(finn.email)).subject).toBe("Alpha Support yritti lisätä teidät tiimiinsä valuebenchissä");
    expect((await mail(finn.email)).body).toContain("organisaation ”Alpha Support” ylläpitäjä yritti lisätä osoitteen");
    expect((await mail(spaniard.email)).subject).toBe("Alpha Support intentó añadirte a su equipo en valuebench");
  });

  it("still refuses an address already in the admin's own team, naming the field", async () => {
    const org = await makeOrganization();
    const admin = await makeUser(org.id, "admin");
    const member = await makeUser(org.id, "recruiter");
    const res = await addStaff(member.email, await sessionCookieFor(admin.id));
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({
      fieldErrors: { email: ["Someone in your team already has this email address."] },
    });
  });
});

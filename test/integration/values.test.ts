import { describe, expect, it } from "vitest";
import { action as valuesAction, loader as valuesLoader } from "../../app/routes/app.values._index";
import { action as valueAction, loader as valueLoader } from "../../app/routes/app.values.$valueId";
import { listOrgValues } from "../../app/models/values.server";
import { getTemplate } from "../../app/questionnaire/bank.server";
import { getRequest, outcome, postForm } from "../factories";
import { makeStaffedOrganization } from "../factories-questionnaires";
import { withTestDatabase } from "../db";
import { setUserLanguage } from "../../app/models/staff-language.server";

const testDb = withTestDatabase();

function post(fields: Record<string, string | string[]>, cookie: string) {
  return outcome(() => valuesAction({ request: postForm("/app/values", fields, cookie), context: {}, params: {} }));
}

const custom = {
  intent: "create",
  key: "kindness",
  name: "Kindness",
  description: "Warm with everyone.",
  iStatement: "I am kind even when I am busy.",
  metrics: ["CSAT", "", "Team kudos", ""],
  direction: "higher",
  weight: "1.5",
};

describe("values page in the reader's language (issue 18)", () => {
  it("answers a Finnish admin's mistakes and the template refusal in Finnish, with the counts as plurals", async () => {
    const { org, admin, adminCookie } = await makeStaffedOrganization();
    await setUserLanguage(org.id, admin.id, "fi");
    const zeroWeight = await post({ ...custom, weight: "0" }, adminCookie);
    expect((zeroWeight.data as { fieldErrors: Record<string, string[]> }).fieldErrors.weight).toEqual([
      "Painoarvon on oltava suurempi kuin 0.",
    ]);
    const added = await post(custom, adminCookie);
    expect((added.data as { message: string }).message).toBe("Arvo ”Kindness” lisätty.");
    const duplicate = await post(custom, adminCookie);
    expect((duplicate.data as { fieldErrors: Record<string, string[]> }).fieldErrors.key).toEqual([
      "Arvo tunnisteella ”kindness” on jo olemassa.",
    ]);
    const refused = await post({ intent: "apply-template", template: "five-elements" }, adminCookie);
    expect((refused.data as { formError: string }).formError).toMatch(/^Organisaatiollanne on jo 1 arvo\. /);
    const view = await outcome(() =>
      valuesLoader({ request: getRequest("/app/values", adminCookie), context: {}, params: {} }),
    );
    expect((view.data as { title: string }).title).toBe("Arvot · valuebench");
  });
});

describe("values page", () => {
  it("lets a recruiter read the values but not change them", async () => {
    const { recruiterCookie } = await makeStaffedOrganization();
    const view = await outcome(() =>
      valuesLoader({ request: getRequest("/app/values", recruiterCookie), context: {}, params: {} }),
    );
    expect(view.status).toBe(200);
    expect((view.data as { canEdit: boolean }).canEdit).toBe(false);
    const change = await post(custom, recruiterCookie);
    expect(change.status).toBe(403);
  });

  it("adds a custom value with its metrics, and rejects a bad key, a zero weight and a duplicate key", async () => {
    const { org, adminCookie } = await makeStaffedOrganization();
    const added = await post(custom, adminCookie);
    expect(added.status).toBe(200);
    const [value] = await listOrgValues(org.id);
    expect(value).toMatchObject({
      key: "kindness",
      name: "Kindness",
      iStatement: "I am kind even when I am busy.",
      metrics: ["CSAT", "Team kudos"],
      direction: "higher",
      weight: 1.5,
      bankValue: null,
    });

    const badKey = await post({ ...custom, key: "Kind Ness" }, adminCookie);
    expect(badKey.status).toBe(400);
    expect((badKey.data as { fieldErrors: Record<string, string[]> }).fieldErrors.key[0]).toMatch(/lower-case/);
    const zeroWeight = await post({ ...custom, key: "other", weight: "0" }, adminCookie);
    expect((zeroWeight.data as { fieldErrors: Record<string, string[]> }).fieldErrors.weight).toEqual([
      "Weight must be greater than 0.",
    ]);
    const duplicate = await post(custom, adminCookie);
    expect(duplicate.status).toBe(400);
    expect((duplicate.data as { fieldErrors: Record<string, string[]> }).fieldErrors.key[0]).toMatch(/already exists/);
    expect(await listOrgValues(org.id)).toHaveLength(1);
  });

  it("applies a template to an empty organization, then refuses to clobber without confirmation", async () => {
    const { org, adminCookie } = await makeStaffedOrganization();
    await post(custom, adminCookie);
    const refused = await post({ intent: "apply-template", template: "five-elements" }, adminCookie);
    expect(refused.status).toBe(409);
    expect((refused.data as { formError: string }).formError).toMatch(/already has 1 value/);
    expect(await listOrgValues(org.id)).toHaveLength(1);

    const applied = await post({ intent: "apply-template", template: "five-elements", confirm: "yes" }, adminCookie);
    expect(applied.status).toBe(200);
    const values = await listOrgValues(org.id);
    const template = getTemplate("five-elements")!;
    expect(values.map((v) => v.key)).toEqual([
      "kindness",
      "respect",
      "patience",
      "personalization",
      "empathy",
      "responsiveness",
    ]);
    const respect = values.find((v) => v.key === "respect")!;
    expect(respect).toMatchObject({
      name: "Respect",
      iStatement: template.values[0].iStatement,
      metrics: template.values[0].metrics,
      bankValue: "respect",
    });
    const org2 = await testDb
      .db()
      .selectFrom("organizations")
      .select("vision")
      .where("id", "=", org.id)
      .executeTakeFirst();
    expect(org2?.vision).toBe(template.vision);
    const audit = await testDb
      .db()
      .selectFrom("audit_log")
      .select("action")
      .where("organization_id", "=", org.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["values.created", "values.template-applied"]);
  });

  it("adds a bank value, reorders, edits and deletes", async () => {
    const { org, adminCookie } = await makeStaffedOrganization();
    const bank = await post({ intent: "add-bank", bank: "honesty" }, adminCookie);
    expect(bank.status).toBe(302);
    await post(custom, adminCookie);
    let values = await listOrgValues(org.id);
    expect(values.map((v) => v.key)).toEqual(["honesty", "kindness"]);
    expect(bank.location).toBe(`/app/values/${values[0].id}`);

    await post({ intent: "move-up", valueId: values[1].id }, adminCookie);
    values = await listOrgValues(org.id);
    expect(values.map((v) => v.key)).toEqual(["kindness", "honesty"]);

    const honesty = values[1];
    const edited = await outcome(() =>
      valueAction({
        request: postForm(
          `/app/values/${honesty.id}`,
          {
            intent: "update",
            name: "Candour",
            description: "",
            iStatement: "",
            metrics: ["QA"],
            direction: "target",
            weight: "2",
          },
          adminCookie,
        ),
        context: {},
        params: { valueId: honesty.id },
      }),
    );
    expect(edited.status).toBe(302);
    expect((await listOrgValues(org.id))[1]).toMatchObject({
      key: "honesty",
      name: "Candour",
      direction: "target",
      weight: 2,
      metrics: ["QA"],
    });

    const badIStatement = await outcome(() =>
      valueAction({
        request: postForm(
          `/app/values/${honesty.id}`,
          {
            intent: "update",
            name: "Candour",
            iStatement: "We are honest.",
            metrics: [],
            direction: "higher",
            weight: "1",
          },
          adminCookie,
        ),
        context: {},
        params: { valueId: honesty.id },
      }),
    );
    expect(badIStatement.status).toBe(400);

    const deleted = await outcome(() =>
      valueAction({
        request: postForm(`/app/values/${honesty.id}`, { intent: "delete" }, adminCookie),
        context: {},
        params: { valueId: honesty.id },
      }),
    );
    expect(deleted.status).toBe(302);
    expect((await listOrgValues(org.id)).map((v) => v.key)).toEqual(["kindness"]);
  });

  it("answers 404 for another organization's value", async () => {
    const a = await makeStaffedOrganization("A");
    const b = await makeStaffedOrganization("B");
    await post(custom, a.adminCookie);
    const [value] = await listOrgValues(a.org.id);
    const view = await outcome(() =>
      valueLoader({
        request: getRequest(`/app/values/${value.id}`, b.adminCookie),
        context: {},
        params: { valueId: value.id },
      }),
    );
    expect(view.status).toBe(404);
    const remove = await outcome(() =>
      valueAction({
        request: postForm(`/app/values/${value.id}`, { intent: "delete" }, b.adminCookie),
        context: {},
        params: { valueId: value.id },
      }),
    );
    expect(remove.status).toBe(404);
    const move = await post({ intent: "move-up", valueId: value.id }, b.adminCookie);
    expect(move.status).toBe(404);
    expect(await listOrgValues(a.org.id)).toHaveLength(1);
  });
});

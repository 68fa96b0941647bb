import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { answeringPageReady, attentionAnswer, logIn, NORTHWIND_ADMIN as admin } from "./helpers";

// Issue 21, point 1 end to end: without SMTP_URL an admin invites a candidate, finds the mail with its link in the
// outbox, and follows the candidate on the pipeline page: invited → opened → started (page k of n) → submitted.

const POSITION = "Customer support agent";
const CANDIDATE = "Pia Pipeline";
const EMAIL = "pia.pipeline@example.test";

async function expectNoSeriousA11yViolations(page: Page, where: string) {
  // @axe-core/playwright is typed against its own playwright-core copy; the page object is the same at runtime.
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).analyze();
  expect(results.passes.length).toBeGreaterThan(10); // the rules really ran on this page
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

async function pipelineRow(page: Page, positionUrl: string) {
  await page.goto(`${positionUrl}/invitations`);
  await expect(page.getByRole("heading", { name: "Invitations", level: 1 })).toBeVisible();
  return page.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${CANDIDATE}`) }) });
}

test("invite → the outbox shows the mail with its link → opened → started → submitted on the pipeline", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await logIn(page, admin);
  await page.goto("/app/positions");
  await page.getByRole("link", { name: POSITION }).first().click();
  await expect(page.getByRole("heading", { name: POSITION, level: 1 })).toBeVisible();
  const positionUrl = new URL(page.url()).pathname;

  const candidates = page.getByRole("region", { name: "Candidates" });
  await candidates.getByLabel("Name", { exact: true }).fill(CANDIDATE);
  await candidates.getByLabel("Email (optional)").fill(EMAIL);
  await candidates.getByRole("button", { name: "Invite candidate" }).click();
  await expect(candidates.getByRole("status").filter({ hasText: `Invited ${CANDIDATE}.` })).toBeVisible();

  // ---- The outbox: the mail as it would have gone out, with the personal link and the time it takes.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  const mail = page.locator("article").filter({ hasText: `To: ${EMAIL}` });
  await expect(mail).toHaveCount(1);
  await expect(
    mail.getByRole("heading", { name: `Northwind Support: questionnaire for the ${POSITION} position` }),
  ).toBeVisible();
  const body = await mail.getByLabel("Message (with the personal link)").inputValue();
  expect(body).toContain(`Hello ${CANDIDATE},`);
  expect(body).toMatch(/It takes about \d+ minutes?;/);
  const link = /Open your personal link: (\S+)/.exec(body)?.[1] ?? "";
  expect(link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
  await expectNoSeriousA11yViolations(page, "outbox");
  // sent by hand: it leaves the waiting list
  await mail.getByRole("button", { name: /^Mark as sent/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked as sent" })).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: /Waiting to be sent/ })
      .locator("article")
      .filter({ hasText: `To: ${EMAIL}` }),
  ).toHaveCount(0);

  // ---- The pipeline: invited, with the next automatic reminder 3 days before the link expires.
  let row = await pipelineRow(page, positionUrl);
  await expect(row.locator("td").nth(0)).toHaveText("Invited");
  const validUntil = (await row.locator("td").nth(3).textContent())?.trim() ?? "";
  const reminderDay = new Date(Date.parse(`${validUntil}T00:00:00Z`) - 3 * 24 * 60 * 60 * 1000)
    .toISOString()
    .slice(0, 10);
  await expect(row.locator("td").nth(4)).toContainText(`0 sent`);
  await expect(row.locator("td").nth(4)).toContainText(`next ${reminderDay}`);
  await expectNoSeriousA11yViolations(page, "invitation pipeline");

  // ---- The candidate opens the link: the page's script notes it.
  const context = await browser.newContext();
  const p = await context.newPage();
  const beacon = p.waitForResponse(
    (r) => r.request().method() === "POST" && /^\/i\/[^/]+\/opened$/.test(new URL(r.url()).pathname),
  );
  await p.goto(link);
  await expect(p.getByRole("heading", { name: `Questionnaire for the ${POSITION} position` })).toBeVisible();
  await expect(p.getByText(/About \d+ minutes: \d+ short questions/)).toBeVisible();
  expect((await beacon).status()).toBe(204);
  row = await pipelineRow(page, positionUrl);
  await expect(row.locator("td").nth(0)).toHaveText("Opened");

  // ---- Started: page 1 of n.
  await p.getByRole("checkbox").check();
  await p.getByRole("button", { name: "Start" }).click();
  await expect(p).toHaveURL(/\/r\/1$/);
  const counter = (await p.locator(".progress-block label").textContent()) ?? "";
  const total = Number(/Page \d+ of (\d+)/.exec(counter)?.[1]);
  expect(total).toBeGreaterThanOrEqual(2);
  row = await pipelineRow(page, positionUrl);
  await expect(row.locator("td").nth(0)).toHaveText(`Started page 1 of ${total}`);

  // ---- Answers every page and submits.
  for (let n = 1; n <= total; n++) {
    await answeringPageReady(p);
    const groups = p.locator("fieldset.question-item");
    const count = await groups.count();
    for (let i = 0; i < count; i++) {
      const group = groups.nth(i);
      const attention = attentionAnswer((await group.locator("legend").textContent()) ?? "");
      if (attention) await group.locator(`input[type="radio"][value="${attention}"]`).check();
      else await group.locator('input[type="radio"]').nth(1).check();
    }
    await p.getByRole("button", { name: n < total ? "Next page" : "Review answers" }).click();
    if (n < total) await expect(p.locator(".progress-block label")).toHaveText(`Page ${n + 1} of ${total}`);
    if (n === 1) {
      row = await pipelineRow(page, positionUrl);
      await expect(row.locator("td").nth(0)).toHaveText(`Started page 2 of ${total}`);
    }
  }
  await p.getByRole("button", { name: "Submit my answers" }).click();
  await expect(p.getByRole("heading", { name: `Thank you, ${CANDIDATE}!` })).toBeVisible();
  await context.close();

  row = await pipelineRow(page, positionUrl);
  await expect(row.locator("td").nth(0)).toHaveText("Submitted");
  await expect(row.locator("td").nth(5)).toHaveText("Done");

  // ---- Settings: the reminder settings, and the jobs the server ran itself (its first round starts 5 s after boot).
  await page.goto("/app/settings");
  await expect(page.getByLabel("First reminder, days before the link expires")).toHaveValue("3");
  const jobs = page.getByRole("table", { name: "Scheduled jobs and their last run" });
  await expect(jobs.getByRole("row", { name: /Retention purge/ })).toContainText("past the retention period.");
  await expect(jobs.getByRole("row", { name: /Invitation reminders/ })).toContainText(/Sent \d+ reminders?/);
  await expect(jobs.getByRole("row", { name: /Mail retries/ })).toContainText("No SMTP_URL");
  await expectNoSeriousA11yViolations(page, "settings");
});

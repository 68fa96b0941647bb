// Issue 15, item 12: an answer chosen while another process holds the database's write lock (a backup, a sqlite3
// shell) gets a 503; the page says "saving… retrying", keeps the answer and saves it once the lock is released.
import path from "node:path";
import SQLite from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { logIn, NORTHWIND_RECRUITER as recruiter } from "./helpers";

/** Creates a position and invites one agent on its overview; returns the invitation link. */
async function invitationLink(page: Page): Promise<string> {
  await logIn(page, recruiter);
  await page.getByRole("link", { name: "Positions" }).click();
  await page.getByLabel("Title").fill("Weekend chat agent");
  await page.getByLabel("Description").fill("Weekend chat support.");
  await page.getByRole("button", { name: "Create position" }).click();
  await expect(page.getByRole("heading", { name: "Weekend chat agent", level: 1 })).toBeVisible();
  const section = page.getByRole("region", { name: "Top agents" });
  await section.getByLabel("Name", { exact: true }).fill("Bea Busy");
  await section.getByRole("button", { name: "Invite agent" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Invited Bea Busy." })).toBeVisible();
  return section.getByLabel(/^Bea Busy/).inputValue();
}

test("an answer saved while the database is locked elsewhere shows 'retrying', stays, and is saved afterwards", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const link = await invitationLink(page);
  const agent = await (await browser.newContext()).newPage();
  await agent.goto(link);
  await agent.getByRole("checkbox").check();
  await agent.getByRole("button", { name: "Start" }).click();
  await expect(agent).toHaveURL(/\/r\/1$/);

  const status = agent.getByRole("status").filter({ hasText: /Saving|saved|busy/ });
  const choice = agent.locator("fieldset.question-item").first().locator('input[type="radio"]').nth(1);
  // The e2e server's database (scripts/e2e-server.mjs), locked from here as another process would.
  const other = new SQLite(path.resolve(`test-results/e2e-data-${process.env.E2E_PORT ?? "3210"}/e2e.db`));
  other.exec("begin immediate");
  try {
    await choice.check();
    // the server gives up on the lock after 5 s and answers 503; the page says so and keeps the answer
    await expect(status).toHaveText("Saving… the server is busy, retrying. Your answer stays on this page.", {
      timeout: 30_000,
    });
    await expect(choice).toBeChecked();
  } finally {
    other.exec("rollback");
    other.close();
  }
  await expect(status).toHaveText("All answers saved.", { timeout: 30_000 });
  // saved on the server, not only shown: a reload shows it
  await agent.reload();
  await expect(agent.locator("fieldset.question-item").first().locator('input[type="radio"]').nth(1)).toBeChecked();
});

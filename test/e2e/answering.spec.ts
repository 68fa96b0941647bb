import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { answeringPageReady, logIn, NORTHWIND_RECRUITER as recruiter } from "./helpers";

const PHONE = { width: 360, height: 740 };

/** Invites one agent on the position overview and returns the link shown once. */
async function inviteAgent(page: Page, name: string): Promise<string> {
  const section = page.getByRole("region", { name: "Top agents" });
  await section.getByLabel("Name", { exact: true }).fill(name);
  await section.getByRole("button", { name: "Invite agent" }).click();
  await expect(section.getByRole("status").filter({ hasText: `Invited ${name}.` })).toBeVisible();
  const link = await section.getByLabel(new RegExp(`^${name}`)).inputValue();
  expect(link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
  return link;
}

async function expectNoSeriousA11yViolations(page: Page) {
  // @axe-core/playwright is typed against its own playwright-core copy; the page object is the same at runtime.
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function expectFitsPhoneWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Picks an answer in every question of the current page (the k-th choice, capped at the number of choices). */
async function answerPage(page: Page, k = 1) {
  await answeringPageReady(page);
  const groups = page.locator("fieldset.question-item");
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(8);
  for (let i = 0; i < count; i++) {
    const radios = groups.nth(i).locator('input[type="radio"]');
    const n = await radios.count();
    await radios.nth(Math.min(k, n - 1)).check();
  }
  return count;
}

async function pageCounter(page: Page): Promise<{ page: number; of: number }> {
  const text = (await page.locator(".progress-block label").textContent()) ?? "";
  const m = /Page (\d+) of (\d+)/.exec(text);
  if (!m) throw new Error(`no page counter in "${text}"`);
  return { page: Number(m[1]), of: Number(m[2]) };
}

async function consent(page: Page, link: string) {
  const response = await page.goto(link);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["referrer-policy"]).toContain("no-referrer");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: /Start|Continue where I stopped/ }).click();
  await expect(page).toHaveURL(/\/r\/\d+$/);
  expect(page.url()).not.toContain("/i/");
}

async function newPhoneContext(browser: Browser, javaScriptEnabled = true) {
  return browser.newContext({ viewport: PHONE, javaScriptEnabled, isMobile: false });
}

test("a recruiter invites agents; one answers by phone with autosave and resume, one without JavaScript", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await logIn(page, recruiter);
  await page.getByRole("link", { name: "Positions" }).click();
  await expect(page.getByRole("heading", { name: "Positions", level: 1 })).toBeVisible();
  await page.getByLabel("Title").fill("Chat support agent");
  await page.getByLabel("Description").fill("Evening chat and email support.");
  await page.getByRole("button", { name: "Create position" }).click();
  await expect(page.getByRole("heading", { name: "Chat support agent", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Position" }).getByRole("link", { name: "Benchmark" }),
  ).toBeVisible();

  const phoneLink = await inviteAgent(page, "Phoebe Phone");
  await expect(page.getByText("cannot be shown again")).toBeVisible();
  const plainLink = await inviteAgent(page, "Nico NoScript");

  // ---- Agent 1: phone-sized, JavaScript on: autosave, reload halfway, resume via the link, review, submit.
  const phone = await newPhoneContext(browser);
  const p1 = await phone.newPage();
  await p1.goto(phoneLink);
  await expect(p1.getByRole("heading", { name: "Help us describe great service" })).toBeVisible();
  await expect(p1.getByText("Northwind Support").first()).toBeVisible();
  await expectFitsPhoneWidth(p1);
  await expectNoSeriousA11yViolations(p1);
  // Consent is required.
  await p1.getByRole("button", { name: "Start" }).click();
  await expect(p1.getByText("Tick the box to agree")).toBeVisible();
  await consent(p1, phoneLink);
  const first = await pageCounter(p1);
  expect(first.page).toBe(1);
  expect(first.of).toBeGreaterThanOrEqual(3);
  await expect(p1.locator("progress")).toHaveAttribute("max", String(first.of));
  await expectFitsPhoneWidth(p1);
  await expectNoSeriousA11yViolations(p1);

  const half = Math.ceil(first.of / 2);
  for (let n = 1; n <= half; n++) {
    await answerPage(p1, 3);
    await expect(p1.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
    if (n < half) {
      await p1.getByRole("button", { name: "Next page" }).click();
      await expect(p1.locator(".progress-block label")).toHaveText(`Page ${n + 1} of ${first.of}`);
    }
  }
  // Reload halfway: every autosaved answer is still there (from the server, not from browser storage).
  await p1.reload();
  const checked = await p1.locator('fieldset.question-item input[type="radio"]:checked').count();
  expect(checked).toBe(await p1.locator("fieldset.question-item").count());
  // No answers in browser storage (Remix keeps only scroll positions in sessionStorage).
  const stored = await p1.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
  const itemIds = await p1
    .locator('fieldset.question-item input[type="radio"]')
    .evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name.slice(2)))]);
  expect(itemIds.length).toBeGreaterThan(0);
  for (const id of itemIds) expect(stored).not.toContain(id);
  expect(await p1.evaluate(() => localStorage.length)).toBe(0);
  // Re-opening the link (e.g. later, on another device) resumes at the first unanswered page.
  const other = await newPhoneContext(browser);
  const p1b = await other.newPage();
  await consent(p1b, phoneLink);
  expect((await pageCounter(p1b)).page).toBe(half + 1);
  await other.close();
  await p1.goto("/r");
  expect((await pageCounter(p1)).page).toBe(half + 1);
  for (let n = half + 1; n <= first.of; n++) {
    // No waiting for "saved" here: "Next" right after the last click must still keep every answer.
    await answerPage(p1, 3);
    await p1.getByRole("button", { name: n < first.of ? "Next page" : "Review answers" }).click();
    if (n < first.of) await expect(p1.locator(".progress-block label")).toHaveText(`Page ${n + 1} of ${first.of}`);
  }
  await expect(p1.getByRole("heading", { name: "Review your answers" })).toBeVisible();
  await expect(p1.getByText(/You answered all \d+ questions/)).toBeVisible();
  await p1.getByRole("button", { name: "Submit my answers" }).click();
  await expect(p1.getByRole("heading", { name: "Thank you, Phoebe Phone!" })).toBeVisible();
  await expectNoSeriousA11yViolations(p1);
  await phone.close();

  // ---- Agent 2: JavaScript disabled: plain form posts, leaves one question for the review.
  const plain = await newPhoneContext(browser, false);
  const p2 = await plain.newPage();
  await consent(p2, plainLink);
  const total = (await pageCounter(p2)).of;
  for (let n = 1; n <= total; n++) {
    const count = await answerPage(p2, 1);
    if (n === 1)
      await p2
        .locator("fieldset.question-item")
        .nth(count - 1)
        .locator("input:checked")
        .evaluate((el) => ((el as HTMLInputElement).checked = false));
    await p2.getByRole("button", { name: n < total ? "Next page" : "Review answers" }).click();
    if (n < total) await expect(p2.locator(".progress-block label")).toHaveText(`Page ${n + 1} of ${total}`);
  }
  await expect(p2.getByRole("heading", { name: "Review your answers" })).toBeVisible();
  await expect(p2.getByText("1 of")).toBeVisible();
  await p2.getByRole("link", { name: "Page 1" }).click();
  await answerPage(p2, 1);
  for (let n = 1; n <= total; n++) {
    await p2.getByRole("button", { name: n < total ? "Next page" : "Review answers" }).click();
  }
  await expect(p2.getByText(/You answered all \d+ questions/)).toBeVisible();
  await p2.getByRole("button", { name: "Submit my answers" }).click();
  await expect(p2.getByRole("heading", { name: "Thank you, Nico NoScript!" })).toBeVisible();
  // The link still opens, but the answers can no longer change.
  await p2.goto(plainLink);
  await expect(p2.getByText("You have already submitted your answers")).toBeVisible();
  await plain.close();

  // ---- The recruiter sees both as submitted.
  await page.reload();
  const agents = page.locator("section.invitations").filter({ has: page.getByRole("heading", { name: "Top agents" }) });
  await expect(agents.getByRole("row", { name: /Phoebe Phone/ })).toContainText("Submitted");
  await expect(agents.getByRole("row", { name: /Nico NoScript/ })).toContainText("Submitted");
});

test("an unknown invitation link gets a friendly 404 page without details", async ({ page }) => {
  const response = await page.goto(`/i/${"x".repeat(43)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { answeringPageReady, attentionAnswer, logIn, NORTHWIND_ADMIN as admin } from "./helpers";

// Issue 6 end to end: an admin builds a benchmark from scratch with six agents who answer on their own devices
// (activation is for admins, issue 21).

const PHONE = { width: 360, height: 740 };
const POSITION = "Night shift support";
const AGENTS = ["Ada Nojs", "Ben Reload", "Cleo Park", "Dev Sharma", "Eva Horn", "Finn Ode"];
const EXCLUDED = "Finn Ode";
const REASON = "Joined the team two weeks ago";

async function expectNoSeriousA11yViolations(page: Page, where: string) {
  // @axe-core/playwright is typed against its own playwright-core copy; the page object is the same at runtime.
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).analyze();
  expect(results.passes.length).toBeGreaterThan(10); // the rules really ran on this page
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

async function pageCounter(page: Page): Promise<{ page: number; of: number }> {
  const text = (await page.locator(".progress-block label").textContent()) ?? "";
  const m = /Page (\d+) of (\d+)/.exec(text);
  if (!m) throw new Error(`no page counter in "${text}"`);
  return { page: Number(m[1]), of: Number(m[2]) };
}

/**
 * Answers every question of the current page, deterministically but differently per agent: each agent leans to its
 * own level on the 1-5 scale and varies around it, so values get a real spread and nobody straightlines.
 */
async function answerPage(page: Page, agent: number, pageNumber: number) {
  await answeringPageReady(page);
  const groups = page.locator("fieldset.question-item");
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(8);
  const lean = [3, 4, 2, 5, 3, 4][agent];
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const radios = group.locator('input[type="radio"]');
    const n = await radios.count();
    const step = (agent + pageNumber * 3 + i) % 3;
    const attention = attentionAnswer((await group.locator("legend").textContent()) ?? "");
    if (attention) {
      await group.locator(`input[type="radio"][value="${attention}"]`).check();
    } else if (n === 5) {
      const value = Math.max(1, Math.min(5, lean + step - 1));
      await radios.nth(value - 1).check();
    } else if (n === 11) {
      await radios.nth(Math.min(10, lean * 2 + step - 1)).check();
    } else {
      // scenarios: most agents pick the first option, so consensus is clear but not unanimous
      await radios.nth(agent % 3 === 2 ? Math.min(n - 1, 1 + step) : 0).check();
    }
  }
  return count;
}

async function newPhoneContext(browser: Browser, javaScriptEnabled = true) {
  return browser.newContext({ viewport: PHONE, javaScriptEnabled });
}

type Mode = "nojs" | "reload" | "js";

async function answerAsAgent(browser: Browser, link: string, agent: number, mode: Mode, checkA11y: boolean) {
  const context = await newPhoneContext(browser, mode !== "nojs");
  const page = await context.newPage();
  const landing = await page.goto(link);
  expect(landing?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Help us describe great service", level: 1 })).toBeVisible();
  if (checkA11y) await expectNoSeriousA11yViolations(page, "landing");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page).toHaveURL(/\/r\/1$/);
  const { of: total } = await pageCounter(page);
  expect(total).toBeGreaterThanOrEqual(2);
  if (checkA11y) await expectNoSeriousA11yViolations(page, "question page");

  const half = Math.ceil(total / 2);
  for (let n = 1; n <= total; n++) {
    const answered = await answerPage(page, agent, n);
    if (mode === "reload" && n === half) {
      // Autosave keeps every click on the server; a reload in the middle of the page loses nothing.
      await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
      await page.reload();
      expect((await pageCounter(page)).page).toBe(half);
      await expect(page.locator('fieldset.question-item input[type="radio"]:checked')).toHaveCount(answered);
    }
    await page.getByRole("button", { name: n < total ? "Next page" : "Review answers" }).click();
    if (n < total) await expect(page.locator(".progress-block label")).toHaveText(`Page ${n + 1} of ${total}`);
  }
  await expect(page.getByRole("heading", { name: "Review your answers" })).toBeVisible();
  await expect(page.getByText(/You answered all \d+ questions/)).toBeVisible();
  if (checkA11y) await expectNoSeriousA11yViolations(page, "review page");
  await page.getByRole("button", { name: "Submit my answers" }).click();
  await expect(page.getByRole("heading", { name: `Thank you, ${AGENTS[agent]}!` })).toBeVisible();
  await context.close();
}

test("an admin invites six agents, they answer on their phones, one is excluded and the benchmark activated", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await logIn(page, admin);

  // A new position on the demo organization's published questionnaire.
  await page.getByRole("link", { name: "Positions" }).click();
  await page.getByLabel("Title").fill(POSITION);
  await page.getByLabel("Description").fill("Overnight phone and chat support.");
  await expect(page.getByLabel("Questionnaire version")).toHaveValue(/.+/);
  await page.getByRole("button", { name: "Create position" }).click();
  await expect(page.getByRole("heading", { name: POSITION, level: 1 })).toBeVisible();

  // Invite six agents by pasting a list (two with an email address), then copy each link from the page.
  const agents = page.getByRole("region", { name: "Top agents" });
  await agents
    .getByLabel("One person per line: name, email")
    .fill(
      AGENTS.map((name, i) => (i < 2 ? `${name}, ${name.split(" ")[0].toLowerCase()}@example.test` : name)).join("\n"),
    );
  await agents.getByRole("button", { name: "Invite all agents" }).click();
  await expect(agents.getByRole("status").filter({ hasText: "Invited 6 people." })).toBeVisible();
  const links: string[] = [];
  for (const name of AGENTS) {
    const link = await agents.getByLabel(new RegExp(`^${name}`)).inputValue();
    expect(link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
    links.push(link);
  }
  expect(new Set(links).size).toBe(6);

  // Six browser contexts answer: one without JavaScript, one reloading halfway, four with JavaScript.
  const modes: Mode[] = ["nojs", "reload", "js", "js", "js", "js"];
  for (let a = 0; a < AGENTS.length; a++) {
    await answerAsAgent(browser, links[a], a, modes[a], a === 2);
  }

  await page.reload();
  for (const name of AGENTS) {
    await expect(agents.getByRole("row", { name: new RegExp(name) })).toContainText("Submitted");
  }

  // The benchmark tab: all six are in the draft; exclude one with a reason, then activate.
  await page.getByRole("navigation", { name: "Position" }).getByRole("link", { name: "Benchmark" }).click();
  await expect(page.getByRole("heading", { name: `Values benchmark: ${POSITION}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Draft: 6 of 6 agents included" })).toBeVisible();
  await expect(page.getByText("No benchmark is active yet")).toBeVisible();
  await page
    .getByRole("row", { name: new RegExp(EXCLUDED) })
    .locator("summary")
    .click();
  const form = page.getByRole("form", { name: `Include or exclude ${EXCLUDED}` });
  await form.getByLabel("Decision").selectOption("exclude");
  await form.getByLabel(`Reason for ${EXCLUDED}`).fill(REASON);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("The agent is now excluded.");
  await expect(page.getByRole("heading", { name: "Draft: 5 of 6 agents included" })).toBeVisible();

  await page.getByLabel("I understand what changes").check();
  // five agents answering these patterns leave a value with alpha below 0.5: activation needs a reason (issue 21)
  await page
    .getByLabel("Reason to activate despite these warnings (required)")
    .fill("First night-shift benchmark; more agents are invited");
  await page.getByRole("button", { name: "Activate this benchmark" }).click();
  await expect(page.getByRole("status")).toContainText("The benchmark is active.");
  await expect(
    page.getByText(/Candidates are scored against the benchmark activated on .*\(5 of 6 agents included\)/),
  ).toBeVisible();
  await expect(page.getByText("The draft is the same as the active benchmark")).toBeVisible();

  // The active snapshot (equal to the draft now): n = 5 for every value; the excluded agent with the reason.
  const stats = page.getByRole("table", { name: "Benchmark statistics per value (draft)" });
  const nCells = await stats.locator("tbody tr > :nth-child(2)").allTextContents();
  expect(nCells.length).toBeGreaterThan(0);
  for (const n of nCells) expect(n.trim()).toBe("5");
  const excluded = page.getByRole("row", { name: new RegExp(EXCLUDED) });
  await expect(excluded).toContainText("Excluded");
  await expect(excluded).toContainText(REASON);
});

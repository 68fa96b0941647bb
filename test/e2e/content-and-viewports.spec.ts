import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { logIn, NORTHWIND_ADMIN as admin, NORTHWIND_RECRUITER as recruiter } from "./helpers";

// Issue 21: a custom item edited and translated so the version offers six languages (point 5); the results and
// benchmark pages on a 390 px phone and a 1366 px laptop without horizontal page scroll (point 7).

const TEXTS: Record<string, string> = {
  Romanian: "Întreb clientul ce a încercat deja.",
  Italian: "Chiedo al cliente che cosa ha già provato.",
  Slovenian: "Stranko vprašam, kaj je že poskusila.",
  Finnish: "Kysyn asiakkaalta, mitä hän on jo kokeillut.",
  Spanish: "Pregunto al cliente qué ha intentado ya.",
};

async function expectNoSeriousA11yViolations(page: Page, where: string) {
  // @axe-core/playwright is typed against its own playwright-core copy; the page object is the same at runtime.
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).analyze();
  expect(results.passes.length).toBeGreaterThan(10); // the rules really ran on this page
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

async function expectNoHorizontalPageScroll(page: Page, where: string) {
  const { scrollWidth, clientWidth, overflowing } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The outermost elements that reach past the right edge, named, so a failure says what to fix.
    const overflowing = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => el.getBoundingClientRect().width < width || getComputedStyle(el).position === "absolute")
      .filter((el) => !el.closest(".table-scroll") || getComputedStyle(el).position === "absolute")
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, overflowing };
  });
  expect(
    scrollWidth,
    `${where}: the page scrolls sideways; past the edge: ${overflowing.join(", ")}`,
  ).toBeLessThanOrEqual(clientWidth);
}

test("an admin edits a custom item and translates it: the version is offered in six languages", async ({ page }) => {
  await logIn(page, admin);
  await page.goto("/app/questionnaires/new");
  await page.getByLabel("Title").fill("Translated hiring");
  await page.getByLabel(/Template: Common support values/).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { name: "Translated hiring", level: 1 })).toBeVisible();

  await page.getByLabel("Text", { exact: true }).fill("I ask what the customer has tried.");
  await page.getByRole("radio", { name: /\+ a higher answer/ }).check();
  await page.getByLabel("Value", { exact: true }).selectOption({ label: "Empathy" });
  await page.getByRole("button", { name: "Add custom item" }).click();
  await expect(page.getByRole("status")).toHaveText("Custom item empathy-c1 added.");

  // Publishing first names what is missing and asks before dropping the five other languages.
  await page.getByRole("button", { name: "Publish version 1" }).click();
  const warning = page.getByRole("alert").filter({ hasText: "Some languages would be dropped" });
  await expect(warning).toContainText(
    "Empathy has no Finnish, Italian, Romanian, Slovenian or Spanish text for empathy-c1.",
  );
  await expect(warning).toContainText("The version will be offered in English only.");

  await page.getByRole("link", { name: "Edit texts and translations of empathy-c1" }).click();
  await expect(page.getByRole("heading", { name: "Edit custom item empathy-c1" })).toBeVisible();
  // (by role: the translations table's region is labelled by a caption that also says "English text")
  await page.getByRole("textbox", { name: "English text" }).fill("I ask what the customer has already tried.");
  for (const [language, text] of Object.entries(TEXTS))
    await page.getByRole("textbox", { name: `${language} text` }).fill(text);
  await expectNoSeriousA11yViolations(page, "custom item editor");
  await page.getByRole("button", { name: "Save item empathy-c1" }).click();
  await expect(page.getByRole("status")).toHaveText("Custom item empathy-c1 saved.");

  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page.getByRole("status")).toHaveText("Published version 1, offered in 6 languages.");
  await expect(page.getByRole("row", { name: /v1/ }).getByRole("cell").nth(5)).toHaveText(
    "English, Spanish, Finnish, Italian, Romanian, Slovenian",
  );
});

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
]) {
  test(`results and benchmark pages fit ${viewport.width} px without horizontal page scroll`, async ({ page }) => {
    await logIn(page, recruiter);
    await page.goto("/app/positions");
    await page.getByRole("link", { name: "Customer support agent" }).first().click();
    await expect(page).toHaveURL(/\/app\/positions\/[^/]+$/);
    const base = new URL(page.url()).pathname.replace(/\/$/, "");
    await page.setViewportSize(viewport);

    await page.goto(`${base}/results`);
    await expect(page.getByRole("heading", { name: /^Results: / })).toBeVisible();
    const ranked = page.getByRole("region", { name: "Ranking table" });
    await expect(ranked).toBeVisible();
    // Scrolled sideways inside its box, the table keeps the candidates' names in view (first column sticky).
    const firstName = ranked.getByRole("rowheader").first();
    const before = (await firstName.boundingBox())!;
    const scrolled = await ranked.evaluate((el) => {
      el.scrollBy({ left: 300 });
      return el.scrollLeft;
    });
    if (viewport.width === 390) expect(scrolled).toBeGreaterThan(0); // the table is wider than a phone
    const box = (await ranked.boundingBox())!;
    const after = (await firstName.boundingBox())!;
    // Without sticky the name would move left by `scrolled`; it stops at the box's left edge instead.
    expect(Math.round(after.x)).toBe(Math.round(Math.max(box.x, before.x - scrolled)));
    await expectNoHorizontalPageScroll(page, `results at ${viewport.width}`);
    await expectNoSeriousA11yViolations(page, `results at ${viewport.width}`);

    await page.goto(`${base}/benchmark`);
    await expect(page.getByRole("heading", { name: /benchmark/i, level: 1 })).toBeVisible();
    await expectNoHorizontalPageScroll(page, `benchmark at ${viewport.width}`);
    await expectNoSeriousA11yViolations(page, `benchmark at ${viewport.width}`);
  });
}

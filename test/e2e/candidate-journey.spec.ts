import { expect, test, type Page } from "@playwright/test";
import {
  answeringPageReady,
  attentionAnswer,
  downloadResultsCsv,
  logIn,
  NORTHWIND_RECRUITER as recruiter,
} from "./helpers";

// Issue 7 end to end: a candidate answers on a phone, a recruiter reads the report, ranks, compares and exports.

const POSITION = "Customer support agent";
const CANDIDATE = "Zoe Mobile";

async function openPosition(page: Page) {
  await page.goto("/app/positions");
  await page.getByRole("link", { name: POSITION }).first().click();
  await expect(page.getByRole("heading", { name: POSITION, level: 1 })).toBeVisible();
}

/** A thoughtful-looking candidate: mostly agrees, varies, reads the attention checks, picks varied scenario options. */
async function answerPage(page: Page, pageNumber: number) {
  await answeringPageReady(page);
  const groups = page.locator("fieldset.question-item");
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const radios = group.locator('input[type="radio"]');
    const n = await radios.count();
    const step = (pageNumber + i) % 3;
    const attention = attentionAnswer((await group.locator("legend").textContent()) ?? "");
    if (attention) await group.locator(`input[type="radio"][value="${attention}"]`).check();
    else if (n === 5) await radios.nth(2 + step === 4 ? 4 : 2 + step).check();
    else if (n === 11) await radios.nth(6 + step).check();
    else await radios.nth(step % n).check();
  }
}

/** Leading number of each cell of a column ("87▲ above" -> 87; "–" -> null). */
async function columnNumbers(page: Page, column: number): Promise<(number | null)[]> {
  const texts = await page.locator(`table.results-table tbody tr > :nth-child(${column})`).allTextContents();
  return texts.map((t) => {
    const m = /^\s*(\d+)/.exec(t);
    return m ? Number(m[1]) : null;
  });
}

function isNonIncreasingNullsLast(values: (number | null)[]): boolean {
  const firstNull = values.indexOf(null);
  const numbers = (firstNull === -1 ? values : values.slice(0, firstNull)) as number[];
  if (firstNull !== -1 && values.slice(firstNull).some((v) => v !== null)) return false;
  return numbers.every((v, i) => i === 0 || v <= numbers[i - 1]);
}

test("a candidate answers on a phone; the recruiter reads the report, ranks, compares, exports and prints", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await logIn(page, recruiter);
  await openPosition(page);

  // Invite one candidate and copy the link shown once.
  const candidates = page.getByRole("region", { name: "Candidates" });
  await candidates.getByLabel("Name", { exact: true }).fill(CANDIDATE);
  await candidates.getByLabel("Email (optional)").fill("zoe@example.test");
  await candidates.getByRole("button", { name: "Invite candidate" }).click();
  await expect(candidates.getByRole("status").filter({ hasText: `Invited ${CANDIDATE}.` })).toBeVisible();
  const link = await candidates.getByLabel(new RegExp(`^${CANDIDATE}`)).inputValue();
  expect(link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);

  // ---- The candidate, on a phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const p = await phone.newPage();
  await p.goto(link);
  await expect(p.getByRole("heading", { name: `Questionnaire for the ${POSITION} position` })).toBeVisible();
  await expect(p.getByRole("heading", { name: "How long we keep them, and your rights" })).toBeVisible();
  await p.getByRole("checkbox").check();
  await p.getByRole("button", { name: "Start" }).click();
  await expect(p).toHaveURL(/\/r\/1$/);
  const text = (await p.locator(".progress-block label").textContent()) ?? "";
  const total = Number(/Page \d+ of (\d+)/.exec(text)?.[1]);
  expect(total).toBeGreaterThanOrEqual(2);
  for (let n = 1; n <= total; n++) {
    await answerPage(p, n);
    await p.getByRole("button", { name: n < total ? "Next page" : "Review answers" }).tap();
    if (n < total) await expect(p.locator(".progress-block label")).toHaveText(`Page ${n + 1} of ${total}`);
  }
  await expect(p.getByRole("heading", { name: "Review your answers" })).toBeVisible();
  await expect(p.getByText(/You answered all \d+ questions/)).toBeVisible();
  await p.getByRole("button", { name: "Submit my answers" }).tap();
  await expect(p.getByRole("heading", { name: `Thank you, ${CANDIDATE}!` })).toBeVisible();
  await expect(p.getByRole("heading", { name: "What the questionnaire looked at" })).toBeVisible();
  await expect(p.getByRole("heading", { name: "What happens next" })).toBeVisible();
  // the demo organization does not show scores to candidates (organizations.show_scores_to_candidates is off)
  await expect(p.getByRole("heading", { name: "How your answers compare" })).toHaveCount(0);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.close();

  // ---- The recruiter: the candidate is ranked with a score.
  await page.getByRole("navigation", { name: "Position" }).getByRole("link", { name: "Results" }).click();
  await expect(page.getByRole("heading", { name: `Results: ${POSITION}` })).toBeVisible();
  const rows = page.locator("table.results-table tbody tr");
  // the seed's 20 scored candidates, this one, and any that specs running earlier on the same server added
  await expect(rows.filter({ has: page.getByRole("link", { name: CANDIDATE, exact: true }) })).toHaveCount(1);
  const ranked = await rows.count();
  expect(ranked).toBeGreaterThanOrEqual(21);
  const mine = rows.filter({ has: page.getByRole("link", { name: CANDIDATE, exact: true }) });
  await expect(mine).toHaveCount(1);
  await expect(mine.locator("td").nth(1)).toHaveText(/^\d+$/);
  expect(isNonIncreasingNullsLast(await columnNumbers(page, 3))).toBe(true);

  // Sort by the first value (5th column), highest alignment first.
  await page.locator("table.results-table thead th").nth(4).getByRole("link").click();
  await expect(page).toHaveURL(/sort=[a-z0-9-]+&dir=desc/);
  expect(isNonIncreasingNullsLast(await columnNumbers(page, 5))).toBe(true);

  // Compare the candidate with the one ranked first (or second, if that is the candidate).
  const otherName =
    (await rows.locator("th a").allTextContents()).find((name) => name !== CANDIDATE) ?? "(nobody else)";
  await page.getByRole("checkbox", { name: `Compare ${CANDIDATE}` }).check();
  await page.getByRole("checkbox", { name: `Compare ${otherName}` }).check();
  await page.getByRole("button", { name: "Compare selected (2–4)" }).click();
  await expect(page).toHaveURL(/\/compare\?ids=[^&]+&ids=/);
  const compareHead = page.locator("table.compare-table thead th");
  await expect(compareHead).toHaveCount(3);
  await expect(compareHead.filter({ hasText: CANDIDATE })).toHaveCount(1);
  await expect(compareHead.filter({ hasText: otherName })).toHaveCount(1);
  await expect(page.getByRole("row", { name: /Overall alignment/ })).toBeVisible();

  // Export the list as CSV: the header and the candidate's row.
  await page.getByRole("link", { name: "← Results" }).click();
  // header, the ranked candidates (each one listed on the page), then the others the export also carries: those held
  // out of the ranking (waiting for review or set aside: issue 21) and any not scored yet
  await expect(rows).toHaveCount(ranked);
  const rankedNames = await rows.locator("th a").allTextContents();
  expect(rankedNames).toHaveLength(ranked);
  const heldOut = await page.locator("table.held-out-table tbody tr").count();
  const { lines } = await downloadResultsCsv(page);
  expect(lines.length).toBeGreaterThanOrEqual(1 + ranked + heldOut);
  const csvNames = new Set(lines.slice(1).map((line) => line.split(",")[0]));
  for (const name of rankedNames) expect(csvNames, name).toContain(name);
  const row = lines.find((l) => l.startsWith(`${CANDIDATE},`));
  expect(row).toBeDefined();
  expect(row!.split(",")[2]).toBe("scored");

  // The candidate's fit report: every value with its percentile and 95% interval, and the interview guide.
  await page.getByRole("link", { name: CANDIDATE, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Fit report: ${CANDIDATE}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Values", level: 2 })).toBeVisible();
  const valueHeadings = page.locator(".report-values h3");
  expect(await valueHeadings.count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByText(/percentile, 95% interval \d+–\d+/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Interview guide" })).toBeVisible();
  await expect(page.locator("figure.band-chart svg").first()).toBeVisible();

  // Printed, the report fits one A4 page.
  await page.emulateMedia({ media: "print" });
  const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
  const pageObjects = pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
  expect(pageObjects).toHaveLength(1);
  await expect(page.getByRole("link", { name: "← Results" })).toBeHidden();
});

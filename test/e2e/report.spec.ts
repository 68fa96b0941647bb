import { expect, test, type Page } from "@playwright/test";
import { downloadResultsCsv, NORTHWIND_RECRUITER as recruiter } from "./helpers";

const POSITION = "Customer support agent";

async function openResults(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(recruiter.email);
  await page.getByLabel("Password").fill(recruiter.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/app$/);
  await page.goto("/app/positions");
  await page.getByRole("link", { name: POSITION }).first().click();
  await page.getByRole("navigation", { name: "Position" }).getByRole("link", { name: "Results" }).click();
  await expect(page.getByRole("heading", { name: `Results: ${POSITION}` })).toBeVisible();
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
  const numbers = firstNull === -1 ? values : values.slice(0, firstNull);
  if (firstNull !== -1 && values.slice(firstNull).some((v) => v !== null)) return false;
  return (numbers as number[]).every((v, i) => i === 0 || v <= (numbers[i - 1] as number));
}

test("a recruiter ranks, sorts, reads a report, decides, compares two candidates and exports CSV", async ({ page }) => {
  await openResults(page);
  const rows = page.locator("table.results-table tbody tr");
  // the seed scores 20 candidates; specs that run earlier on the same server may have added more
  await expect(rows.first()).toBeVisible();
  const ranked = await rows.count();
  expect(ranked).toBeGreaterThanOrEqual(20);
  // default: overall, highest first (3rd column)
  expect(isNonIncreasingNullsLast(await columnNumbers(page, 3))).toBe(true);

  // sort by the first value's alignment (5th column)
  const valueHeader = page.locator("table.results-table thead th").nth(4).getByRole("link");
  await valueHeader.click();
  await expect(page).toHaveURL(/sort=[a-z0-9-]+&dir=desc/);
  expect(isNonIncreasingNullsLast(await columnNumbers(page, 5))).toBe(true);

  // open the top candidate's fit report
  const topName = (await rows.first().locator("th a").textContent()) ?? "";
  await rows.first().locator("th a").click();
  await expect(page.getByRole("heading", { name: `Fit report: ${topName}` })).toBeVisible();
  await expect(page.getByText(/percentile, 95% interval \d+–\d+/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Interview guide" })).toBeVisible();
  await expect(page.getByText("Scoring algorithm vb-2", { exact: true })).toBeVisible();
  await expect(page.getByText(/Scored against the benchmark activated on \d{4}-\d\d-\d\d/)).toBeVisible();
  await expect(page.locator("figure.band-chart svg").first()).toBeVisible();

  // the report prints on one A4 page (the print stylesheet's @page: A4, 10 mm margins)
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(/\/Count (\d+)/.exec(pdf.toString("latin1"))?.[1]).toBe("1");
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 718, height: 1047 }); // 190 mm x 277 mm at 96 dpi
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1047);
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 1280, height: 720 });

  // record a decision
  await page.getByLabel("Advance").check();
  await page.getByLabel("Note (optional)").fill("Strong on the values; invite to the second interview.");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.locator(".decision-history li").first()).toContainText("Advance by Rita Recruiter");

  // compare two candidates
  await page.getByRole("link", { name: "← Results" }).click();
  await page.locator("table.results-table tbody tr").nth(0).getByRole("checkbox").check();
  await page.locator("table.results-table tbody tr").nth(1).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Compare selected (2–4)" }).click();
  await expect(page).toHaveURL(/\/compare\?ids=[^&]+&ids=/);
  await expect(page.locator("table.compare-table thead th")).toHaveCount(3);
  await expect(page.getByRole("row", { name: /Overall alignment/ })).toBeVisible();

  // export the list as CSV
  await page.getByRole("link", { name: "← Results" }).click();
  // the ranked candidates, then those held out of the ranking (waiting for review or set aside: issue 21); the seed's
  // straightliner is one of them, and specs running earlier on the same server may have added more
  await expect(rows).toHaveCount(ranked);
  const heldOut = await page.locator("table.held-out-table tbody tr").count();
  expect(heldOut).toBeGreaterThanOrEqual(1);
  const { csv, lines } = await downloadResultsCsv(page);
  expect(lines).toHaveLength(1 + ranked + heldOut);
  // after the ranked rows come the held-out ones only: the seed's straightliner among them (other specs on the shared
  // server may add flagged candidates too)
  const heldOutLines = lines.slice(1 + ranked);
  for (const line of heldOutLines) expect(line).toMatch(/,(Needs review|Set aside \(not assessed\)),[^,]*$/);
  expect(heldOutLines.some((line) => /^Oscar Lindgren,.*,Needs review,/.test(line))).toBe(true);
  expect(csv).toContain(",advance");
});

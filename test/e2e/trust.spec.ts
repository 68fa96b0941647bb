import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { logIn, NORTHWIND_ADMIN as admin } from "./helpers";

const POSITION = "Customer support agent";

async function openPosition(page: Page) {
  await page.goto("/app/positions");
  await page.getByRole("link", { name: POSITION }).first().click();
}

test("an admin reads the adverse-impact report, exports it, erases a candidate and finds it in the audit log", async ({
  page,
}) => {
  await logIn(page, admin);
  await openPosition(page);
  await page.getByRole("navigation", { name: "Position" }).getByRole("link", { name: "Fairness" }).click();
  await expect(page.getByRole("heading", { name: "Adverse impact" })).toBeVisible();
  for (const name of ["Gender", "Age band", "Ethnicity", "How to read this"]) {
    await expect(page.getByRole("heading", { name })).toBeVisible();
  }
  await expect(page.getByText("overall alignment at least 50")).toBeVisible();
  await expect(page.getByText(/monitor, not a verdict/)).toBeVisible();

  // change the cut with the GET form
  await page.getByLabel("Latest recruiter decision is “advance”").check();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/cut=advance/);
  await expect(page.getByText("latest decision is advance")).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download as CSV" }).click(),
  ]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe(
    "attribute,group,candidates,selected,selection_rate,impact_ratio,below_four_fifths,z,fisher_p_two_sided,note",
  );
  expect(csv).toContain("cut,latest decision is advance");

  // erase the last candidate of the results list
  await page.getByRole("navigation", { name: "Position" }).getByRole("link", { name: "Results" }).click();
  const rows = page.locator("table.results-table tbody tr");
  await expect(page.getByRole("heading", { name: `Results: ${POSITION}` })).toBeVisible();
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  expect(before).toBeGreaterThan(1);
  const last = rows.last().locator("th a");
  const name = ((await last.textContent()) ?? "").trim();
  await last.click();
  await expect(page.getByRole("heading", { name: "Candidate data" })).toBeVisible();
  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export data (JSON)" }).click(),
  ]);
  const exported = JSON.parse(fs.readFileSync((await json.path())!, "utf8")) as { response: { name: string } };
  expect(exported.response.name).toBe(name);

  await page.getByRole("link", { name: "Erase candidate…" }).click();
  await expect(page.getByRole("heading", { name: `Erase ${name}’s data` })).toBeVisible();
  await page.getByLabel("Type ERASE to confirm").fill("yes");
  await page.getByRole("button", { name: "Erase permanently" }).click();
  await expect(page.getByText("Type ERASE in capital letters to confirm.")).toBeVisible();
  await page.getByLabel("Type ERASE to confirm").fill("ERASE");
  await page.getByRole("button", { name: "Erase permanently" }).click();
  await expect(page).toHaveURL(/\/results$/);
  await expect(rows).toHaveCount(before - 1);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);

  // the audit log shows the export and the erasure, filterable by action
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Action").selectOption("candidate.erased");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody tr").first()).toContainText(admin.email);
  await expect(page.locator("tbody tr").first()).not.toContainText(name);

  // settings: retention period
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Keep candidate data for (days)").fill("10");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Keep data at least 30 days.")).toBeVisible();
  await page.getByLabel("Keep candidate data for (days)").fill("180");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await expect(page.getByLabel("Keep candidate data for (days)")).toHaveValue("180");
});

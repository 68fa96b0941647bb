import { expect, test } from "@playwright/test";
import { logIn, NORTHWIND_ADMIN as admin } from "./helpers";

// Activation is for admins (issue 21, point 6).
test("an admin reads the demo benchmark, excludes an agent with a reason and activates", async ({ page }) => {
  await logIn(page, admin);

  await page.goto("/app/positions");
  await page.getByRole("link", { name: "Customer support agent" }).first().click();
  await page.getByRole("navigation", { name: "Position" }).getByRole("link", { name: "Benchmark" }).click();
  await expect(page.getByRole("heading", { name: "Values benchmark: Customer support agent" })).toBeVisible();

  // The seeded benchmark: 14 agents, the straightliner left out by a hard flag, the chart with its text alternative.
  await expect(page.getByRole("heading", { name: "Draft: 13 of 14 agents included" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Where the top agents score on each value/ })).toBeVisible();
  const straightliner = page.getByRole("row", { name: /Sam Straight/ });
  await expect(straightliner).toContainText("Excluded");
  await expect(straightliner).toContainText("by a hard flag");
  await expect(straightliner).toContainText("Gave the same answer to every statement");
  await expect(page.getByText(/Candidates are scored against the benchmark activated on/)).toBeVisible();
  await expect(page.getByText("The draft is the same as the active benchmark")).toBeVisible();

  // Exclude one agent: a reason is required.
  await page
    .getByRole("row", { name: /Maya Lindqvist/ })
    .locator("summary")
    .click();
  const form = page.getByRole("form", { name: "Include or exclude Maya Lindqvist" });
  await form.getByLabel("Decision").selectOption("exclude");
  await form.getByRole("button", { name: "Save" }).click();
  // The browser's own required check keeps the empty reason from being sent.
  await expect(page.getByRole("heading", { name: "Draft: 13 of 14 agents included" })).toBeVisible();
  await form.getByLabel("Reason for Maya Lindqvist").fill("Moved to the billing team last month");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("The agent is now excluded.");
  await expect(page.getByRole("heading", { name: "Draft: 12 of 14 agents included" })).toBeVisible();
  const maya = page.getByRole("row", { name: /Maya Lindqvist/ });
  await expect(maya).toContainText("Excluded");
  await expect(maya).toContainText("Moved to the billing team last month");

  // Activate, with the confirmation of what changes.
  // the seed's 20 candidates and its 12 hired ones (issue 17)
  await expect(page.getByText(/32 submitted candidates will be re-scored/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Active benchmark compared with the draft below" })).toBeVisible();
  await page.getByLabel("I understand what changes").check();
  await page.getByRole("button", { name: "Activate this benchmark" }).click();
  await expect(page.getByRole("status")).toContainText("The benchmark is active. 32 candidates were re-scored");
  await expect(page.getByText("The draft is the same as the active benchmark")).toBeVisible();
  await expect(page.getByRole("region", { name: "Earlier benchmarks" }).getByRole("listitem")).toHaveCount(1);
});

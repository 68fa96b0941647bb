import { expect, test } from "@playwright/test";
import { logIn, NORTHWIND_ADMIN as admin } from "./helpers";

test("an admin builds a questionnaire from a template, previews, publishes and downloads it", async ({ page }) => {
  await logIn(page, admin);
  await expect(page.getByRole("heading", { name: "Welcome, Ada Admin" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Questionnaires" }).click();
  await expect(page.getByRole("link", { name: "Five elements of great service" })).toBeVisible(); // the seed's
  await page.getByRole("link", { name: "New questionnaire" }).click();
  await page.getByLabel("Title").fill("Night shift hiring");
  await page.getByLabel(/Template: Common support values/).check();
  await page.getByRole("button", { name: "Create draft" }).click();

  await expect(page.getByRole("heading", { name: "Night shift hiring", level: 1 })).toBeVisible();
  const empathy = page.getByRole("group", { name: "Empathy" });
  await empathy.getByLabel(/emp-02/).uncheck();
  await empathy.getByLabel(/emp-03/).check();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  await expect(page.getByRole("group", { name: "Empathy" }).getByLabel(/emp-03/)).toBeChecked();

  await page.getByRole("link", { name: "Preview as a respondent" }).click();
  // in <main>: the top bar's profile menu (<details>) is a group too
  const first = page.getByRole("main").getByRole("group").first();
  await expect(first.getByRole("radio")).toHaveCount(5);
  await expect(first.getByText("Strongly agree")).toBeVisible();
  await page.getByRole("link", { name: "Back to the builder" }).click();

  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page.getByRole("status")).toHaveText("Published version 1, offered in 6 languages.");
  await expect(page.getByRole("cell", { name: "v1" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "YAML of version 1" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("night-shift-hiring-v1.yaml");
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  const yaml = readFileSync(path, "utf8");
  expect(yaml).toContain("id: night-shift-hiring");
  expect(yaml).toContain("version: 1");
  expect(yaml).toContain("id: emp-03");
  expect(yaml).not.toContain("id: emp-02");
  expect(yaml).toContain("id: att-01");
});

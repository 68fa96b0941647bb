// Shared steps of the end-to-end journeys.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/**
 * A demo login of the e2e server. The seed generates the demo passwords per database; scripts/e2e-server.mjs has it
 * write them (DEMO_PASSWORDS_FILE) beside its database, where the password is read when first used.
 */
export function demoAccount(email: string): { email: string; readonly password: string } {
  return {
    email,
    get password() {
      const file = path.resolve(`test-results/e2e-data-${process.env.E2E_PORT ?? "3210"}/demo-passwords.json`);
      const password = (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>)[email];
      if (!password) throw new Error(`${file} has no demo password for ${email}`);
      return password;
    },
  };
}

export const NORTHWIND_RECRUITER = demoAccount("recruiter@northwind.test");
export const NORTHWIND_ADMIN = demoAccount("admin@northwind.test");
export const CONTOSO_RECRUITER = demoAccount("recruiter@contoso.test");
export const CONTOSO_ADMIN = demoAccount("admin@contoso.test");

/** Logs in through the form and waits for the dashboard. */
export async function logIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/app$/);
}

/** The answer an attention check asks for (questions/attention.yaml), as the radio's value. */
export function attentionAnswer(legend: string): string | null {
  const m = /answer '([^']+)'/.exec(legend);
  if (!m) return null;
  const wanted: Record<string, string> = {
    "Strongly disagree": "1",
    Disagree: "2",
    Neither: "3",
    Agree: "4",
    "Strongly agree": "5",
  };
  return wanted[m[1]] ?? null;
}

/** Clicks "Export CSV" on the results page of the demo position; returns the CSV text and its lines (header first). */
export async function downloadResultsCsv(page: Page): Promise<{ csv: string; lines: string[] }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("customer-support-agent-results.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^Candidate,Submitted,Status,Overall alignment,Min alignment,Weakest value,/);
  return { csv, lines };
}

/**
 * Waits until the answering page has arrived whole: its buttons come after every question in the document, so once
 * they are attached no question is still on its way (a click's navigation resolves when the page starts arriving,
 * and a test that counted the questions then saw only the first ones: issue of round two's flaky no-JS walk).
 */
export async function answeringPageReady(page: Page) {
  await page.locator(".page-buttons button").first().waitFor({ state: "attached" });
  await page.waitForLoadState("load");
}

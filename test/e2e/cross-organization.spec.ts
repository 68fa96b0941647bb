import { expect, test, type Browser } from "@playwright/test";
import { CONTOSO_RECRUITER, logIn, NORTHWIND_RECRUITER } from "./helpers";

async function loggedIn(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, account);
  return { context, page };
}

test("a user of one organization gets 404 for another's pages, single-fetch data and exports", async ({ browser }) => {
  const northwind = await loggedIn(browser, NORTHWIND_RECRUITER);
  await northwind.page.goto("/app/positions");
  await northwind.page.getByRole("link", { name: "Customer support agent" }).first().click();
  await expect(northwind.page).toHaveURL(/\/app\/positions\/[^/]+$/);
  const positionPath = new URL(northwind.page.url()).pathname;
  await northwind.page.goto(`${positionPath}/results`);
  await northwind.page.locator("table.results-table tbody tr a").first().click();
  await expect(northwind.page).toHaveURL(/\/candidates\//);
  const reportPath = new URL(northwind.page.url()).pathname;
  await northwind.context.close();

  const contoso = await loggedIn(browser, CONTOSO_RECRUITER);
  const paths = [
    positionPath,
    `${positionPath}/benchmark`,
    `${positionPath}/results`,
    `${positionPath}/results.csv`,
    `${positionPath}/fairness`,
    `${positionPath}/fairness.csv`,
    reportPath,
    `${reportPath}.data`,
    `${positionPath}/results.data`,
  ];
  for (const path of paths) {
    const res = await contoso.page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(404);
    const body = await res.text();
    expect(body, path).not.toContain("Customer support agent");
  }
  const post = await contoso.page.request.post(reportPath, {
    form: { decision: "advance", note: "x" },
    headers: { Origin: new URL(contoso.page.url()).origin },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(404);
  await contoso.context.close();
});

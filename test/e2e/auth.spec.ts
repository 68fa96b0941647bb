import { expect, test } from "@playwright/test";
import { CONTOSO_ADMIN, NORTHWIND_ADMIN as admin } from "./helpers";

test("an admin logs in with the demo login, sees the dashboard and logs out", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Log in" }).click();
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Ada Admin" })).toBeVisible();
  await expect(page.getByText("Northwind Support (admin)")).toBeVisible();
  // the demo organization says so on every staff page
  await expect(page.getByRole("note", { name: "Demo organization" })).toHaveText(
    "Demo organization — sample data; do not use for real candidates.",
  );
  await page.getByRole("link", { name: "Positions" }).click();
  await expect(page.getByRole("note", { name: "Demo organization" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/app");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fapp/);
});

test("a crafted redirectTo (a TAB that browsers drop) leads to /app on this site, not to another host", async ({
  page,
}) => {
  // "/<TAB>/evil.example/phish" used to go into the Location header as it was; Chromium drops the TAB and follows
  // "//evil.example/phish" to another host.
  await page.goto("/login?redirectTo=%2F%09%2Fevil.example%2Fphish");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Ada Admin" })).toBeVisible();
  const url = new URL(page.url());
  expect(url.host).toBe(new URL(test.info().project.use.baseURL ?? page.url()).host);
  expect(url.pathname).toBe("/app");
});

test("a wrong password shows a clear message next to the form", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("recruiter@contoso.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue("recruiter@contoso.test");
});

test("the demo passwords the README once published do not log in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("recruiter@northwind.test");
  await page.getByLabel("Password").fill("northwind-recruiter-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("repeated failures are throttled with a 429 and a message", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill("admin@contoso.test");
    await page.getByLabel("Password").fill(`wrong-${i}`);
    const [failed] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Log in" }).click(),
    ]);
    expect(failed.status()).toBe(401);
    await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
  await page.getByLabel("Password").fill(CONTOSO_ADMIN.password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Log in" }).click(),
  ]);
  expect(response.status()).toBe(429);
  await expect(page.getByRole("alert")).toContainText("Too many failed attempts");
});

test("a cross-site POST to /login is refused with 403", async ({ request, baseURL }) => {
  const res = await request.post(`${baseURL}/login`, {
    headers: { Origin: "https://attacker.example" },
    form: { email: admin.email, password: admin.password },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
});

test("pages carry the security headers and unknown pages get a friendly 404", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const headers = res?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toBe("no-store");
});

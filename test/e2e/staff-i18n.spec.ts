// Issue 18: the staff area in the reader's language. A recruiter who picks Română, Italiano, Slovenščina, Suomi or
// Español in the profile menu works through dashboard → position → benchmark → results → report → print and meets no
// English UI text on any page of the way; an admin working in Finnish meets none on every other staff page.
// The organization's default and the browser's Accept-Language (before login) choose the language for users who have
// not picked one.
//
// "English UI text" = the literal pieces of the English staff catalogs (app/i18n/staff/en/*.json, split at their
// {{variables}}) that the language's catalog translates differently. What the organization wrote (value names,
// position titles, questionnaire items, candidates' names and answers, mails to candidates) is content, not UI: it is
// read from the e2e database and the question bank and removed from the page text before the check. So is what a
// page marks lang="en" on purpose: the public API's own documentation (OpenAPI texts) and errors as a receiver sent them.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { parse as parseYaml } from "yaml";
import { expect, test, type Page } from "@playwright/test";
import { logIn, NORTHWIND_ADMIN as admin, NORTHWIND_RECRUITER as recruiter } from "./helpers";

type Catalog = { [key: string]: string | Catalog };
type Lang = "ro" | "it" | "sl" | "fi" | "es";
const POSITION = "Customer support agent";

function flatten(catalog: Catalog, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalog)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[at] = value;
    else Object.assign(out, flatten(value, at));
  }
  return out;
}

function staffMessages(locale: string): Record<string, string> {
  const dir = path.resolve("app/i18n/staff", locale);
  const out: Record<string, string> = {};
  for (const file of fs.readdirSync(dir)) {
    const ns = file.replace(/\.json$/, "");
    const messages = flatten(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Catalog);
    for (const [key, text] of Object.entries(messages)) out[`${ns}:${key}`] = text;
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The English pieces a page in `locale` must not show. */
function englishPatterns(locale: Lang) {
  const en = staffMessages("en");
  const other = staffMessages(locale);
  const pieces = Object.keys(en)
    .filter((key) => en[key] !== other[key] && en[key] !== other[key.replace(/_one$/, "_other")])
    .flatMap((key) =>
      en[key]
        .split(/\{\{[^}]*\}\}|<\/?strong>/)
        .map((piece) => piece.trim().replace(/^[·,.:;!?()—–-]+\s*|\s*[·,.:;!?()—–-]+$/g, ""))
        // a name the translation keeps as it is ("valuebench", "API", "CSV") is not English UI
        .filter((piece) => !(other[key] ?? other[key.replace(/_one$/, "_other")] ?? "").includes(piece)),
    )
    .filter((piece) => piece.length >= 4 && /\p{L}{3}/u.test(piece));
  return [...new Set(pieces)].map((piece) => ({
    piece,
    re: piece.length < 16 ? new RegExp(`(^|[^\\p{L}])${escape(piece)}($|[^\\p{L}])`, "u") : null,
  }));
}

/** Everything the organization and its candidates wrote, longest first (removed from the page text). */
function contentStrings(options: { audit?: boolean } = {}): string[] {
  const file = path.resolve(`test-results/e2e-data-${process.env.E2E_PORT ?? "3210"}/e2e.db`);
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  const out = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === "string") {
      if (value.trim().length >= 3) out.add(value.trim());
    } else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === "object") Object.values(value).forEach(add);
  };
  const json = (text: unknown) => {
    if (typeof text !== "string") return;
    try {
      add(JSON.parse(text));
    } catch {
      add(text);
    }
  };
  try {
    const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
    for (const r of rows("select name from organizations")) add(r.name);
    for (const r of rows("select name, email from users")) add([r.name, r.email]);
    for (const r of rows("select key, name, description, i_statement, metrics_json from org_values")) {
      add([r.key, r.name, r.description, r.i_statement]);
      json(r.metrics_json);
    }
    for (const r of rows("select title, description from positions")) add([r.title, r.description]);
    for (const r of rows("select slug, title, draft_json from questionnaires")) {
      add([r.slug, r.title]);
      json(r.draft_json);
    }
    for (const r of rows("select content_json, translations_json from questionnaire_versions")) {
      json(r.content_json);
      json(r.translations_json);
    }
    for (const r of rows("select name, email from invitations")) add([r.name, r.email]);
    for (const r of rows("select respondent_label, review_note from responses"))
      add([r.respondent_label, r.review_note]);
    for (const r of rows("select note from decisions")) add(r.note);
    for (const r of rows("select reason from benchmark_members")) add(r.reason);
    // The audit log shows recorded values as they were recorded (its field names are UI, checked): on that page only.
    if (options.audit) {
      for (const r of rows("select actor_label, details_json from audit_log")) {
        add(r.actor_label);
        json(r.details_json);
      }
    }
    for (const r of rows("select key, label, unit from metrics")) add([r.key, r.label, r.unit]);
    for (const r of rows("select name from api_keys")) add(r.name);
    for (const r of rows("select url from webhook_endpoints")) add(r.url);
    for (const r of rows("select to_address, subject, body from outbox")) add([r.to_address, r.subject, r.body]);
  } finally {
    db.close();
  }
  // The question bank, templates and their translations: content the builder offers before anyone picks it.
  const yamlFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    });
  for (const file of yamlFiles(path.resolve("questions"))) add(parseYaml(fs.readFileSync(file, "utf8")));
  // Names of products and standards the pages quote as they are.
  for (const name of ["Standard Webhooks", "Greenhouse", "OpenAPI"]) out.add(name);
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * The page's visible text plus the texts people hear or hover (aria-label, title, placeholder, alt), and the pieces to
 * set aside besides the content: text a page marks as English on purpose (lang="en" inside a page in another
 * language) and code (identifiers, CSV column names, event types, commands).
 */
async function pageText(page: Page, scope: string): Promise<{ text: string; setAside: string[] }> {
  const region = page.locator(scope).first();
  const visible = await region.innerText();
  const setAside = await region.evaluate((root) =>
    [...root.querySelectorAll("[lang='en'], code")].map((el) => (el as HTMLElement).innerText.trim()).filter(Boolean),
  );
  const attributes = await region.evaluate((root) =>
    [...root.querySelectorAll("[aria-label], [title], [placeholder], [alt]")]
      .filter((el) => !el.closest("[hidden]") && !el.closest("[lang='en'], code"))
      .flatMap((el) => ["aria-label", "title", "placeholder", "alt"].map((a) => el.getAttribute(a) ?? "")),
  );
  const svgTitles = await region.locator("svg title").allTextContents();
  const text = [scope === "body" ? await page.title() : "", visible, ...attributes, ...svgTitles].join("\n");
  return { text, setAside };
}

/**
 * English text that never made it into a catalog: words no sentence of the five languages uses on its own (the
 * catalog pieces above only catch what the English catalog knows).
 */
const ENGLISH_WORDS = /(^|[^\p{L}])(the|and|of|with|your|this|from|have|been|will|which|were|there|than)($|[^\p{L}])/iu;

async function expectNoEnglish(page: Page, locale: Lang, content: readonly string[], scope = "body") {
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  const read = await pageText(page, scope);
  // Content and set-aside pieces together, longest first, so no short piece breaks a longer one before it is removed.
  let text = read.text;
  for (const piece of [...content, ...read.setAside].sort((x, y) => y.length - x.length)) {
    text = text.split(piece).join(" ");
  }
  const found = englishPatterns(locale)
    .filter(({ piece, re }) => (re ? re.test(text) : text.includes(piece)))
    .map((p) => p.piece);
  const words = text
    .split("\n")
    .filter((line) => ENGLISH_WORDS.test(line))
    .slice(0, 5);
  expect.soft([...found, ...words], `English UI text on ${page.url()} (${locale}, ${scope})`).toEqual([]);
}

/** The profile menu's language choice ("" = the organization's default). */
async function chooseLanguage(page: Page, language: Lang | "") {
  await page.locator(".profile-menu summary").click();
  await page.locator("#profile-language").selectOption(language);
  await page.locator(".profile-menu button[type=submit]").click();
  await expect(page.locator("html")).toHaveAttribute("lang", language || "en");
}

test.afterEach(async ({ page }) => {
  // Other specs log in as the same users and read English: clear the pick again.
  if (page.url().includes("/app")) await chooseLanguage(page, "").catch(() => undefined);
});

/** The recruiter's path of the issue: dashboard → position → benchmark → results → report → print. */
async function recruiterWalk(page: Page, locale: Lang, content: readonly string[]) {
  await logIn(page, recruiter);
  await chooseLanguage(page, locale);
  await expectNoEnglish(page, locale, content);
  await page.goto("/app/positions");
  await expectNoEnglish(page, locale, content);
  await page.getByRole("link", { name: POSITION }).first().click();
  await expect(page).toHaveURL(/\/app\/positions\/[^/]+$/);
  const positionPath = new URL(page.url()).pathname;
  await expectNoEnglish(page, locale, content);
  await page.locator(`a[href="${positionPath}/benchmark"]`).first().click();
  await expect(page).toHaveURL(/\/benchmark$/);
  await expectNoEnglish(page, locale, content);
  await page.locator(`a[href="${positionPath}/results"]`).first().click();
  await expect(page).toHaveURL(/\/results/);
  const reports = page.locator("table.results-table tbody tr th a");
  await expect(reports.first()).toBeVisible();
  await expectNoEnglish(page, locale, content);
  await reports.first().click();
  await expect(page).toHaveURL(/\/candidates\/[^/]+$/);
  await expect(page.locator("figure.band-chart svg").first()).toBeVisible();
  await expectNoEnglish(page, locale, content);
  await page.emulateMedia({ media: "print" });
  await expectNoEnglish(page, locale, content);
  await page.emulateMedia({ media: "screen" });
  // An unknown address: the 404 page in the reader's language.
  await page.goto("/app/no-such-page");
  await expect(page.locator("h1")).not.toHaveText("Page not found");
  await expectNoEnglish(page, locale, content);
  await page.goto("/app");
}

for (const locale of ["ro", "it", "sl", "fi", "es"] as const) {
  test(`a recruiter working in ${locale}: no page of the way, print view and 404 included, has English`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await recruiterWalk(page, locale, contentStrings());
  });
}

test("an admin working in Finnish: team, a member's page and outbox have no English", async ({ page }) => {
  test.setTimeout(120_000);
  const content = contentStrings();
  await logIn(page, admin);
  await chooseLanguage(page, "fi");
  for (const url of ["/app/team", "/app/outbox"]) {
    await page.goto(url);
    await expectNoEnglish(page, "fi", content);
  }
  await page.goto("/app/team");
  await page.locator("main a[href^='/app/team/']").first().click();
  await expect(page).toHaveURL(/\/app\/team\/[^/]+$/);
  await expectNoEnglish(page, "fi", content);
  await page.goto("/app");
});

test("an admin working in Finnish: every other staff page has no English", async ({ page }) => {
  test.setTimeout(180_000);
  const content = contentStrings();
  await logIn(page, admin);
  await chooseLanguage(page, "fi");
  const visit = async (url: string) => {
    await page.goto(url);
    await expectNoEnglish(page, "fi", content);
  };
  for (const url of ["/app/values", "/app/questionnaires", "/app/questionnaires/new", "/app/settings"])
    await visit(url);
  for (const url of ["/app/settings/api", "/app/settings/webhooks"]) await visit(url);
  await page.goto("/app/audit");
  await expectNoEnglish(page, "fi", contentStrings({ audit: true }));
  // A value's page and a questionnaire's editor and preview.
  await page.goto("/app/values");
  await page.locator("main a[href^='/app/values/']").first().click();
  await expect(page).toHaveURL(/\/app\/values\/[^/]+$/);
  await expectNoEnglish(page, "fi", content);
  await page.goto("/app/questionnaires");
  await page.locator("main a[href^='/app/questionnaires/']:not([href$='/new'])").first().click();
  await expect(page).toHaveURL(/\/app\/questionnaires\/[^/]+$/);
  const questionnairePath = new URL(page.url()).pathname;
  await expectNoEnglish(page, "fi", content);
  await visit(`${questionnairePath}/preview`);
  // A position's other tabs, the compare page and the erase page of a candidate.
  await page.goto("/app/positions");
  await page.getByRole("link", { name: POSITION }).first().click();
  await expect(page).toHaveURL(/\/app\/positions\/[^/]+$/);
  const positionPath = new URL(page.url()).pathname;
  for (const tab of ["invitations", "import", "outcomes", "fairness", "validity"])
    await visit(`${positionPath}/${tab}`);
  await page.goto(`${positionPath}/results`);
  const reports = page.locator("table.results-table tbody tr th a");
  await expect(reports.nth(1)).toBeVisible();
  const ids = await Promise.all(
    [0, 1].map(async (i) => (await reports.nth(i).getAttribute("href"))!.split("/").pop()!),
  );
  await visit(`${positionPath}/compare?ids=${ids[0]}&ids=${ids[1]}`);
  await visit(`${positionPath}/candidates/${ids[0]}/erase`);
  await page.goto("/app");
});

test("the organization's default language and, before login, Accept-Language choose the staff language", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // Before login: the browser's language.
  const finnishBrowser = await browser.newContext({ locale: "fi-FI" });
  const login = await finnishBrowser.newPage();
  await login.goto("/login");
  await expect(login.locator("html")).toHaveAttribute("lang", "fi");
  await expect(login.getByRole("heading", { name: "Kirjaudu sisään" })).toBeVisible();
  await login.getByLabel("Sähköposti").fill(recruiter.email);
  await login.getByLabel("Salasana").fill("not the password");
  await login.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await expect(login.getByRole("alert")).toHaveText("Sähköposti tai salasana on väärin.");
  await finnishBrowser.close();

  // The admin sets the organization's staff language to Spanish: a recruiter without a pick reads Spanish.
  await logIn(page, admin);
  await page.goto("/app/settings");
  await page.locator("#staffLanguage").selectOption("es");
  await page.locator("#staffLanguage").evaluate((el) => (el as HTMLSelectElement).form!.requestSubmit());
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  try {
    const other = await browser.newContext();
    const p = await other.newPage();
    await logIn(p, recruiter);
    await expect(p.locator("html")).toHaveAttribute("lang", "es");
    await expect(p.getByRole("navigation").first().getByRole("link", { name: "Puestos" })).toBeVisible();
    await other.close();
  } finally {
    await page.goto("/app/settings");
    await page.locator("#staffLanguage").selectOption("en");
    await page.locator("#staffLanguage").evaluate((el) => (el as HTMLSelectElement).form!.requestSubmit());
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  }
});

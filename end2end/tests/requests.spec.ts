// Filing every kind of request from its page, following it on its status page, and what a
// person can do there: cancel a deletion, ask for an expired export again, appeal a denial.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { codeFromOutbox, consoleErrors, freshEmail, hydrated, screenshot, test } from "./helpers";

/** Runs the `rightful` command line against the test server's data directory. */
function rightful(...args: string[]): string {
  return execFileSync(process.env.RIGHTFUL_BIN ?? "rightful", args, {
    env: { ...process.env, DATABASE_URL: "", RIGHTFUL_DATA_DIR: process.env.E2E_DATA_DIR, RIGHTFUL_LOG: "error" },
    encoding: "utf8",
  }).trim();
}

/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

let apiKey = "";
test.beforeAll(() => {
  // Staff's side, which the console will bring: a manual system that exports data, and a key
  // to complete its tasks and to deny requests.
  if (!rightful("systems", "list").includes('"archive"')) {
    rightful("systems", "add", "--name", "archive", "--owner", "records", "--kind", "manual", "--capability", "access_export");
  }
  apiKey = rightful("api-keys", "create", "--name", "e2e-staff", "--scope", "tasks:write", "--scope", "requests:read", "--scope", "requests:approve");
});

/** Calls the REST API as staff, from outside the browser (with no person's cookies). */
async function api(request: APIRequestContext, method: "GET" | "POST", path: string, data?: unknown) {
  const response = await request.fetch(path, {
    method,
    headers: { authorization: `Bearer ${apiKey}` },
    data,
  });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBe(true);
  return response.status() === 204 ? null : response.json();
}

/** No accessibility violations at all on the page as it is now. */
async function accessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** From a flow page, signs a new person in (sent back to the flow page) and says where they live. */
async function startAt(page: Page, path: string, place: string, name: string): Promise<string> {
  const email = freshEmail(name);
  await page.goto(path);
  await hydrated(page);
  await page.getByRole("link", { name: "Sign in to continue" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await hydrated(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await page.getByLabel("Code").fill(await codeFromOutbox(email));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Where do you live?" })).toBeVisible();
  await page.getByLabel("Country or state").selectOption(place);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#reply-by time")).toBeVisible();
  return email;
}

/** Submits the flow page's form and waits for the new request's status page. */
async function file(page: Page, button: string): Promise<string> {
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop() as string;
}

const KINDS: [string, string, (page: Page) => Promise<void>][] = [
  ["access", "See what is held about you", async () => {}],
  ["export", "Export your data", async () => {}],
  ["delete", "Delete your data and account", async (page) => {
    await page.getByLabel(/I understand that my account and my data will be deleted/).check();
  }],
  ["correct", "Correct your data", async (page) => {
    await page.getByLabel("What is wrong?").fill("My surname is spelt Lovelase.");
    await page.getByLabel("What should it say?").fill("Lovelace.");
  }],
  ["opt_out_training", "Do not train AI models on your content", async () => {}],
  ["opt_out_sale", "Do not sell or share your data", async () => {}],
  ["limit_sensitive", "Limit use of sensitive data", async () => {}],
  ["remove_from_outputs", "Remove your data from model outputs", async (page) => {
    await page.getByLabel("Which prompts or questions produced it?").fill("Who is Ada Lovelace of Leeds?");
    await page.getByLabel("What did the model say about you?").fill("It gave my home address.");
    await page.getByLabel("Why is this personal data about you?").fill("It is my name and my address.");
    await page.getByLabel("Evidence (optional)").setInputFiles([
      { name: "chat.png", mimeType: "image/png", buffer: PNG },
      { name: "prompt.txt", mimeType: "text/plain", buffer: Buffer.from("Who is Ada Lovelace of Leeds?") },
    ]);
  }],
];

for (const [kind, title, fill] of KINDS) {
  test(`${kind}: filed from its page, ending on its status page`, async ({ page }) => {
    const errors = consoleErrors(page);
    // California for the sale and sensitive-data opt-outs (CCPA rights), England elsewhere.
    const place = kind === "opt_out_sale" || kind === "limit_sensitive" ? "US-CA" : "GB-ENG";
    await startAt(page, `/requests/new/${kind}`, place, kind);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await accessible(page);
    if (kind === "correct") await screenshot(page, "request-new");
    await fill(page);
    await file(page, kind === "delete" ? "Delete my data and account" : "Send my request");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { name: "What happened" })).toBeVisible();
    await expect(page.locator(".timeline")).toContainText("We received your request.");
    await expect(page.locator("#reply-by time")).toBeVisible();
    await hydrated(page);
    await accessible(page);
    if (kind === "remove_from_outputs") {
      // The files are listed, and each downloads as it was sent.
      const files = page.locator(".files a");
      await expect(files).toHaveText(["chat.png", "prompt.txt"]);
      const sent = await page.request.get((await files.first().getAttribute("href")) ?? "");
      expect(sent.status()).toBe(200);
      expect(Buffer.compare(await sent.body(), PNG)).toBe(0);
    }
    if (kind === "correct") {
      await screenshot(page, "request-status");
      await expect(page.getByRole("heading", { name: "What you told us" })).toBeVisible();
      await expect(page.locator(".written")).toContainText("Lovelace.");
    }
    // The privacy page lists it, linked to this page.
    const here = page.url();
    await page.goto("/privacy");
    await page.getByRole("link", { name: title }).first().click();
    await expect(page).toHaveURL(here);
    errors.check();
  });
}

test("a request needs its details, and an unknown kind is not found", async ({ page }) => {
  await startAt(page, "/requests/new/correct", "GB-ENG", "details");
  await page.getByLabel("What is wrong?").fill("   ");
  await page.getByLabel("What should it say?").fill("Lovelace");
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByRole("alert")).toContainText("Please fill in this field.");
  // The message is tied to its field, for screen readers.
  const wrong = page.getByLabel("What is wrong?");
  await expect(wrong).toHaveAttribute("aria-invalid", "true");
  await expect(wrong).toHaveAccessibleDescription("Please fill in this field.");
  await expect(page.getByLabel("What should it say?")).not.toHaveAttribute("aria-invalid", "true");
  await accessible(page);
  const missing = await page.goto("/requests/new/erase-everything");
  expect(missing?.status()).toBe(404);
});

test("an expired export is asked for again", async ({ page, request }) => {
  await startAt(page, "/requests/new/export", "GB-ENG", "expired");
  const id = await file(page, "Send my request");
  const tasks = await api(request, "GET", `/api/v1/requests/${id}/tasks`);
  await api(request, "POST", `/api/v1/tasks/${tasks[0].id}/complete`, { note: "Nothing on paper." });
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: "Download your file" })).toBeVisible({ timeout: 1000 });
  }).toPass();

  rightful("exports", "revoke", id);
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#export-state")).toHaveText("The download link has expired.");
  await accessible(page);
  await page.getByRole("button", { name: "Ask for it again" }).click();
  await expect(page.getByRole("link", { name: "Download your file" })).toBeVisible();
  const download = await page.request.get(`/exports/${id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/zip");
});

test("messages with staff, then an appeal after a denial, where the law gives one", async ({ page, request }) => {
  await startAt(page, "/requests/new/correct", "US-VA", "appeal");
  await page.getByLabel("What is wrong?").fill("My date of birth.");
  await page.getByLabel("What should it say?").fill("10 December 1815.");
  const id = await file(page, "Send my request");
  // Staff ask a question; the person answers on the page.
  await api(request, "POST", `/api/v1/requests/${id}/messages`, { body: "Which account is this about?" });
  await page.reload();
  await expect(page.locator(".messages")).toContainText("Which account is this about?");
  await page.getByLabel("Write to our privacy team").fill("The one I use for the shop.");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator(".messages li")).toHaveCount(2);
  await expect(page.locator(".messages li").last()).toContainText("The one I use for the shop.");
  const wrote = await api(request, "GET", `/api/v1/requests/${id}/particulars`);
  expect(wrote.particulars).toEqual({ type: "correction", wrong: "My date of birth.", right: "10 December 1815." });
  const said = await api(request, "GET", `/api/v1/requests/${id}/messages`);
  expect(said.map((m: { author: string }) => m.author)).toEqual(["staff", "subject"]);
  await api(request, "POST", `/api/v1/requests/${id}/deny`, {
    reason: "identity_not_verified",
    message: "We could not match the account you named.",
  });
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#request-status")).toHaveText("Denied");
  await expect(page.getByRole("heading", { name: "Why we declined" })).toBeVisible();
  await expect(page.getByText("We could not match the account you named.")).toBeVisible();
  await accessible(page);
  await page.getByRole("link", { name: "Appeal this decision" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/new/appeal\\?of=${id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Appeal a decision");
  await accessible(page);
  const appeal = await file(page, "Send my appeal");
  expect(appeal).not.toBe(id);
  await expect(page.locator("#request-status")).toHaveText("Waiting for approval");
  await page.getByRole("link", { name: "an earlier decision" }).click();
  await expect(page.getByText("You appealed this decision.")).toBeVisible();
});

test("nobody sees another person's request", async ({ page, browser }) => {
  await startAt(page, "/requests/new/access", "GB-ENG", "owner");
  const id = await file(page, "Send my request");
  const stranger = await (await browser.newContext()).newPage();
  await stranger.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.77" });
  const email = freshEmail("stranger");
  await stranger.goto("/sign-in");
  await hydrated(stranger);
  await stranger.getByLabel("E-mail address").fill(email);
  await stranger.getByRole("button", { name: "Send me a code" }).click();
  await stranger.getByLabel("Code").fill(await codeFromOutbox(email));
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger).toHaveURL(/\/privacy$/);
  const theirs = await stranger.goto(`/requests/${id}`);
  expect(theirs?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});

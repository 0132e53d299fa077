// The staff console, as an operator works it all day, without JavaScript needed: sign in,
// approve a correction and watch its task complete at a local data system, extend a request
// (the person is mailed), deny with a reason, bulk-approve after a dry run, complete a
// manual task with a file, retry a dead job; and as an admin manages data systems, API keys
// and staff. Every console page is checked by axe-core.
import { expect, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { accessibleWithoutScripts, mailArrives, screenshot, test } from "./helpers";
import { accessible, fileCorrection, rightful, rightfulWithInput, signIn, startAt, send } from "./console-helpers";
import { LANGUAGES, t } from "./locales";



/** A data system on 127.0.0.1 that answers every delivery 200: the task is done. */
let receiver: http.Server;
let deliveries = 0;
const password = "an operator's long password";
const operator = `ops.${Date.now()}@example.com`;
const admin = `admin.${Date.now()}@example.com`;

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      deliveries += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"corrected":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as AddressInfo).port;
  rightful("systems", "add", "--name", `crm-${port}`, "--owner", "support", "--kind", "webhook",
    "--endpoint", `http://127.0.0.1:${port}/rightful`, "--capability", "correct");
  rightfulWithInput(password, "staff", "create", "--email", operator, "--role", "operator", "--password-stdin");
  rightfulWithInput(password, "staff", "create", "--email", admin, "--role", "admin", "--password-stdin");
});

test.afterAll(async () => {
  const port = (receiver.address() as AddressInfo).port;
  rightful("systems", "disable", `crm-${port}`);
  receiver.close();
});


async function signInToConsole(page: Page, who = operator) {
  await signIn(page, who, password);
}

/** The server's SQLite database, as a Python one-liner reads and writes it (Python's
 * sqlite3 module comes with Python; Node 20 has none). */
function sqlite(script: string, ...args: string[]): string {
  const db = `${process.env.E2E_DATA_DIR}/rightful.db`;
  return execFileSync("python3", ["-c", `import sqlite3, sys, uuid\ndb = sqlite3.connect(sys.argv[1])\n${script}`, db, ...args], { encoding: "utf8" }).trim();
}

/** Queues a job of a kind no version of Rightful reads, as a process of another version
 * might leave: the server's worker dead-letters it at once. Its id, run_at and created_at
 * take the storage format of the newest job already there. */
function unreadableJob(): string {
  return sqlite(`blob = db.execute("SELECT typeof(id) FROM jobs LIMIT 1").fetchone()[0] == "blob"
new = uuid.uuid4()
db.execute("INSERT INTO jobs (id, kind, payload, state, attempts, max_attempts, run_at, created_at, updated_at) SELECT ?, 'no.such_kind', '{}', 'queued', 0, 5, run_at, created_at, updated_at FROM jobs ORDER BY created_at DESC LIMIT 1", (new.bytes if blob else str(new),))
assert db.total_changes == 1, "no job to take the formats from"
db.commit()
print(new)`);
}

test("an operator approves a correction and its task completes at the data system", async ({ page }) => {
  const { id } = await fileCorrection(page, "approve");
  await signInToConsole(page);
  await accessible(page);
  await page.goto(`/console?q=${id}`);
  await page.getByRole("link", { name: id.slice(0, 8) }).click();
  await expect(page).toHaveURL(`/console/requests/${id}`);
  await accessible(page);
  await screenshot(page, "console-request");
  const before = deliveries;
  const approve = page.locator(`form[action="/console/requests/${id}/approve"]`);
  await approve.getByLabel("Reason (kept as an internal note)").fill("The account matches.");
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(`/console/requests/${id}?done=approve`);
  await expect(page.getByText("Done.")).toBeVisible();
  await expect
    .poll(async () => {
      await page.reload();
      return page.locator("table").first().textContent();
    }, { timeout: 20_000 })
    .toContain("done");
  expect(deliveries).toBeGreaterThan(before);
  await expect(page.getByText("The account matches.")).toBeVisible();
  await expect(page.getByText("The audit chain verifies.")).toBeVisible();
});

test("an operator extends a request and the person is told; another is denied with a reason", async ({ page }) => {
  const first = await fileCorrection(page, "extend");
  const second = await fileCorrection(page, "deny");
  await signInToConsole(page);
  await page.goto(`/console/requests/${first.id}`);
  const extend = page.locator(`form[action="/console/requests/${first.id}/extend"]`);
  await extend.getByLabel("Why more time is needed").selectOption("complex");
  await extend.getByLabel("Reason (kept as an internal note)").fill("Three systems to check.");
  await extend.getByRole("button", { name: "Extend and tell the person" }).click();
  await expect(page).toHaveURL(/done=extend/);
  await expect(page.getByText("Respond by, if extended")).toBeVisible();
  await mailArrives(first.email, "X-Rightful-Notice: extended");

  await page.goto(`/console/requests/${second.id}`);
  const deny = page.locator(`form[action="/console/requests/${second.id}/deny"]`);
  await deny.getByLabel("Reason code").selectOption("identity_not_verified");
  await deny.getByLabel("What the person is told").fill("We could not match the account you named.");
  await deny.getByLabel("Reason (kept as an internal note)").fill("No such account.");
  await deny.getByRole("button", { name: "Deny" }).click();
  await expect(page).toHaveURL(/done=deny/);
  await expect(page.locator(".facts").first()).toContainText("Denied");
  await mailArrives(second.email, "X-Rightful-Notice: denied");
});

test("bulk approval lists exactly what it will change, then changes only that", async ({ page, browser }) => {
  const filed = [await fileCorrection(page, "bulk1", "ES"), await fileCorrection(page, "bulk2", "ES")];
  await signInToConsole(page);
  await page.goto("/console?status=pending_approval&jurisdiction=ES");
  await accessible(page);
  await page.getByText("Bulk actions on this view").click();
  await page.getByLabel("Action").selectOption("approve");
  await page.getByRole("button", { name: "Dry run: list what would change" }).click();
  await expect(page).toHaveURL(/\/console\/bulk\?/);
  await accessible(page);
  for (const { id } of filed) await expect(page.getByRole("link", { name: id })).toBeVisible();
  const listed = await page.locator(".bulk-list li").count();
  // One more arrives after the dry run, from another person's browser: applying the dry
  // run leaves it alone.
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.251" } });
  const late = await fileCorrection(await other.newPage(), "bulk3", "ES");
  await other.close();
  await page.getByLabel("Reason (kept as an internal note)").fill("All checked together.");
  await page.getByRole("button", { name: `Apply to these ${listed} requests` }).click();
  await expect(page).toHaveURL(new RegExp(`done=bulk&changed=${listed}&skipped=0`));
  await page.goto(`/console/requests/${late.id}`);
  await expect(page.locator(`form[action="/console/requests/${late.id}/approve"]`)).toBeVisible();
  await page.goto(`/console/requests/${filed[0].id}`);
  await expect(page.locator(`form[action="/console/requests/${filed[0].id}/approve"]`)).toHaveCount(0);
});

test("an operator completes a manual task with a file; the health page is accessible", async ({ page }) => {
  if (!rightful("systems", "list").includes('"archive"')) {
    rightful("systems", "add", "--name", "archive", "--owner", "records", "--kind", "manual", "--capability", "access_export");
  }
  await startAt(page, "access", "DE", "manual");
  const id = await send(page);

  await signInToConsole(page);
  await page.goto(`/console/requests/${id}`);
  const form = page.locator(`form[action^="/console/requests/${id}/tasks/"]`);
  await expect(form).toBeVisible({ timeout: 15_000 });
  await form.getByLabel("What was done").fill("Exported from the archive by hand.");
  await form.getByLabel("File (optional)").setInputFiles({ name: "archive.json", mimeType: "application/json", buffer: Buffer.from('{"orders":[]}') });
  await form.getByRole("button", { name: "Complete the task" }).click();
  await expect(page).toHaveURL(/done=complete/);
  await expect(page.locator("table").first()).toContainText("done");
  await page.goto("/console/health");
  await accessible(page);
  await screenshot(page, "console-health");
  await page.goto("/console");
  await screenshot(page, "console-queue");
});

test("an operator retries a dead job from the health page", async ({ page }) => {
  const id = unreadableJob();
  await signInToConsole(page);
  const retry = page.locator(`form[action="/console/jobs/${id}/retry"]`);
  await expect
    .poll(async () => {
      await page.goto("/console/health");
      return retry.count();
    }, { timeout: 20_000 })
    .toBe(1);
  await accessible(page);
  await retry.getByRole("button", { name: "Retry" }).click();
  await expect(page).toHaveURL("/console/health?done=retry");
  await expect(page.getByText("Done.")).toBeVisible();
  // The worker meets it again and, since no version reads it, it is dead again: offered anew.
  await expect
    .poll(async () => {
      await page.goto("/console/health");
      return retry.count();
    }, { timeout: 20_000 })
    .toBe(1);
});

test("an admin adds and tests a data system, creates and revokes a key, and adds a colleague", async ({ page }) => {
  const port = (receiver.address() as AddressInfo).port;
  const name = `billing-${Date.now()}`;
  await signInToConsole(page, admin);
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL("/console/admin");
  await accessible(page);

  const add = page.locator('form[action="/console/admin/systems"]');
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Owner").fill("Billing team");
  await add.getByLabel("Kind").selectOption("webhook");
  await add.getByLabel("delete").check();
  await add.getByLabel("Webhook endpoint (webhook systems only)").fill(`http://127.0.0.1:${port}/rightful`);
  await add.getByRole("button", { name: "Add the system" }).click();
  await expect(page).toHaveURL(/done=add_systems&reveal=/);
  await expect(page.getByText(`Signing secret of ${name}`)).toBeVisible();
  const secret = await page.locator("pre.secret").textContent();
  expect(secret).toMatch(/^whsec_/);
  await accessible(page);
  await page.reload();
  await expect(page.locator("pre.secret")).toHaveCount(0);

  const before = deliveries;
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: "Send a test delivery" }).click();
  await expect(page.getByText(`${name} accepted the test delivery (HTTP 200).`)).toBeVisible();
  await expect(page.locator("pre.reply")).toHaveText('{"corrected":true}');
  expect(deliveries).toBe(before + 1);
  await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("disabled");

  const key = page.locator('form[action="/console/admin/keys"]');
  await key.getByLabel("Who holds the key").fill("Training pipeline");
  await key.getByLabel("suppression:read").check();
  await key.getByRole("button", { name: "Create the key" }).click();
  await expect(page.getByText("API key for Training pipeline")).toBeVisible();
  const text = (await page.locator("pre.secret").textContent()) ?? "";
  expect(text).toMatch(/^rk_[0-9a-f]+_/);
  const prefix = text.split("_")[1];
  await page.locator(`form[action="/console/admin/keys/${prefix}/revoke"]`).getByRole("button", { name: "Revoke" }).click();
  await expect(page).toHaveURL("/console/admin?done=revoke_keys");
  await expect(page.getByRole("row").filter({ hasText: `rk_${prefix}_` })).toContainText("revoked");

  const colleague = `legal.${Date.now()}@example.com`;
  const account = page.locator('form[action="/console/admin/staff"]');
  await account.getByLabel("Work e-mail address").fill(colleague);
  await account.getByLabel("Role").selectOption("legal");
  await account.getByRole("button", { name: "Create the account" }).click();
  await expect(page.getByText(`Password for ${colleague}`)).toBeVisible();
  await expect(page.locator("pre.secret")).toHaveText(/^[A-Za-z0-9]{24}$/);
  await page.getByRole("row").filter({ hasText: colleague }).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("row").filter({ hasText: colleague })).toContainText("disabled");
  await screenshot(page, "console-admin");
});

test("every console page and form works without JavaScript, in every language, axe-clean", async ({ page, browser }) => {
  // Eight pages and two forms in each of four languages, each page checked by axe: about a
  // minute on an idle machine, more than the default minute under CI's load.
  test.setTimeout(180_000);
  const { id } = await fileCorrection(page, "nojs");
  for (const [n, language] of LANGUAGES.entries()) {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: language,
      extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${240 + n}` },
    });
    const staff = await context.newPage();
    await staff.goto("/console/sign-in");
    await accessibleWithoutScripts(staff, browser);
    await staff.getByLabel(t(language, "console.email")).fill(admin);
    await staff.getByLabel(t(language, "console.password")).fill(password);
    await staff.getByRole("button", { name: t(language, "console.sign_in") }).click();
    await expect(staff).toHaveURL(/\/console$/);
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText(t(language, "console.queue_heading"));
    await accessibleWithoutScripts(staff, browser);
    for (const path of ["/console/health", "/console/bulk?status=pending_approval&action=approve", "/console/admin", "/console/reports"]) {
      await staff.goto(path);
      await accessibleWithoutScripts(staff, browser);
    }
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText(t(language, "reports.dashboard_heading"));
    // The dashboard's download forms, posted plainly: the deadline report as a file, then the
    // §7102 page to publish, in the same language.
    const deadlines = staff.locator('form[action="/console/reports/deadlines"]');
    await deadlines.getByLabel(t(language, "reports.col_kind")).selectOption("correct");
    const [report] = await Promise.all([
      staff.waitForEvent("download"),
      deadlines.getByRole("button", { name: t(language, "reports.download") }).click(),
    ]);
    expect(report.suggestedFilename()).toBe("deadlines.csv");
    const ccpa = staff.locator('form[action="/console/reports/ccpa"]');
    await ccpa.getByLabel(t(language, "reports.year")).fill("2026");
    await ccpa.getByRole("button", { name: t(language, "reports.open_report") }).click();
    await expect(staff).toHaveURL(/\/console\/reports\/ccpa\?year=2026&format=html$/);
    await expect(staff.getByRole("rowheader", { name: t(language, "reports.cat_delete") })).toBeVisible();
    await accessibleWithoutScripts(staff, browser);

    // A form on a request's page: an internal note.
    await staff.goto(`/console/requests/${id}`);
    await accessibleWithoutScripts(staff, browser);
    const note = staff.locator(`form[action="/console/requests/${id}/note"]`);
    await note.getByLabel(t(language, "console.add_note")).fill(`Checked (${language}).`);
    await note.getByRole("button", { name: t(language, "console.add_note") }).click();
    await expect(staff).toHaveURL(/done=note/);
    await expect(staff.getByRole("status")).toHaveText(t(language, "console.done"));
    await expect(staff.getByText(`Checked (${language}).`)).toBeVisible();

    // The clock's form with its ground: paused in one language, resumed in the next.
    const pause = staff.locator(`form[action="/console/requests/${id}/pause"]`);
    const action = (await pause.count()) > 0 ? "pause" : "resume";
    const clock = staff.locator(`form[action="/console/requests/${id}/${action}"]`);
    if (action === "pause") await clock.getByLabel(t(language, "console.pause_reason")).selectOption("clarification");
    await clock.getByLabel(t(language, "console.reason")).fill(`Clock (${language}).`);
    await clock.getByRole("button", { name: t(language, `console.${action}`) }).click();
    await expect(staff).toHaveURL(new RegExp(`done=${action}`));
    await accessibleWithoutScripts(staff, browser);

    // A form on the admin screen: a key, shown once, then revoked.
    await staff.goto("/console/admin");
    const key = staff.locator('form[action="/console/admin/keys"]');
    await key.getByLabel(t(language, "console.a_key_name")).fill(`Pipeline ${language}`);
    await key.getByLabel("suppression:read").check();
    await key.getByRole("button", { name: t(language, "console.a_create_key") }).click();
    await expect(staff.getByText(t(language, "console.a_key_of", { name: `Pipeline ${language}` }))).toBeVisible();
    await accessibleWithoutScripts(staff, browser);
    const prefix = ((await staff.locator("pre.secret").textContent()) ?? "").split("_")[1];
    await staff.locator(`form[action="/console/admin/keys/${prefix}/revoke"]`).getByRole("button").click();
    await expect(staff).toHaveURL("/console/admin?done=revoke_keys");
    await context.close();
  }
});

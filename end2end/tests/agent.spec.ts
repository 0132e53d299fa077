// An authorized agent (CCPA §7063) files a request for somebody else with their signed
// permission; the person confirms it from the link mailed to them, and only then does it go
// ahead. Also: the person declines another one, and nothing is done.
import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { codeFromOutbox, consoleErrors, freshEmail, hydrated, mailArrives, test } from "./helpers";

/** A signed permission, as agents scan them: a one-page PDF. */
const PERMISSION = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

async function accessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** Signs the agent in from the agents' page and files `kind` for `consumer`. */
async function fileAsAgent(page: Page, agent: string, consumer: string, kind: string) {
  await page.goto("/");
  await page.getByRole("link", { name: "File as their authorized agent" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Act for someone else");
  await page.getByRole("link", { name: "Sign in to continue" }).click();
  await page.getByLabel("E-mail address").fill(agent);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await page.getByLabel("Code").fill(await codeFromOutbox(agent));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await hydrated(page);
  await accessible(page);
  await page.getByLabel("The person's e-mail address").fill(consumer);
  await page.getByLabel("Where the person lives").selectOption("US-CA");
  await page.getByLabel(kind).check();
  await page.getByLabel("Their signed permission").setInputFiles({ name: "permission.pdf", mimeType: "application/pdf", buffer: PERMISSION });
  await page.getByLabel(/authorized me in writing/).check();
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toContainText("We e-mailed the person to confirm the request.");
}

/** The confirmation link in the newest mail to `consumer`. */
async function confirmationLink(consumer: string): Promise<string> {
  const mail = await mailArrives(consumer, "X-Rightful-Notice: agent_confirm");
  const link = mail.match(/https?:\/\/\S+\/requests\/[0-9a-f-]{36}\/confirm\?token=[0-9a-f]{64}/)?.[0];
  expect(link, "a confirmation link").toBeTruthy();
  return new URL(link as string).pathname + new URL(link as string).search;
}

test("an agent files for a person, who confirms it by mail", async ({ page, browser }) => {
  const errors = consoleErrors(page);
  const agent = freshEmail("agent");
  const consumer = freshEmail("consumer");
  await fileAsAgent(page, agent, consumer, "Delete your data and account");
  const link = await confirmationLink(consumer);

  // The person, in a browser of their own, opens the link from their mail.
  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto(link);
  await hydrated(theirs);
  await expect(theirs.getByRole("heading", { level: 1 })).toHaveText("A request made for you");
  await expect(theirs.getByText(`${agent} asked us, on your behalf, to: Delete your data and account.`)).toBeVisible();
  await accessible(theirs);
  await theirs.getByRole("button", { name: "Yes, I authorized this" }).click();
  await expect(theirs.getByRole("status")).toContainText("You confirmed the request.");
  await accessible(theirs);
  // Confirmed, the deletion starts its grace period, and the person gets its notice.
  await mailArrives(consumer, "X-Rightful-Notice: deletion_scheduled");
  // Following it: they sign in and land on its status page.
  await theirs.getByRole("link", { name: "Sign in to follow it" }).click();
  await theirs.getByLabel("E-mail address").fill(consumer);
  await theirs.getByRole("button", { name: "Send me a code" }).click();
  await theirs.getByLabel("Code").fill(await codeFromOutbox(consumer));
  await theirs.getByRole("button", { name: "Sign in" }).click();
  await expect(theirs).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(theirs.locator(".timeline")).toContainText("An authorized agent filed this request for you");
  await expect(theirs.locator(".files a")).toHaveText(["permission.pdf"]);
  errors.check();
});

test("a person declines a request an agent made for them", async ({ page, browser }) => {
  const consumer = freshEmail("declines");
  await fileAsAgent(page, freshEmail("agent"), consumer, "Do not sell or share your data");
  const link = await confirmationLink(consumer);
  const theirs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await theirs.goto(link);
  await theirs.getByRole("button", { name: "No, I did not ask for this" }).click();
  await expect(theirs.getByRole("status")).toContainText("You declined the request. Nothing was done.");
  // The link cannot be used again to confirm.
  await theirs.goto(link);
  await expect(theirs.getByRole("button", { name: "Yes, I authorized this" })).toHaveCount(0);
});

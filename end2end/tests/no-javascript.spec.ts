// The portal without JavaScript: every step is a server-rendered page and a plain form post.
import { expect } from "@playwright/test";
import { accessibleWithoutScripts as accessible, codeFromOutbox, freshEmail, test } from "./helpers";

test.use({ javaScriptEnabled: false });

test("without JavaScript: sign in by code, opt out of training, say where you live, sign out", async ({ page, browser }) => {
  const email = freshEmail("noscript");

  await page.goto("/sign-in");
  await accessible(page, browser);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  // The code step is rendered by the server after the post, and survives a reload.
  await expect(page.getByRole("status")).toContainText(`We sent a code to ${email}`);
  await page.reload();
  await expect(page.getByRole("status")).toContainText("We sent a code to");

  // A wrong code comes back as the page with the error, still on the code step.
  const code = await codeFromOutbox(email);
  await page.getByLabel("Code").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That code is not right, or it has expired");
  await expect(page.getByLabel("Code")).toBeVisible();
  await accessible(page, browser);

  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/privacy$/);

  const toggle = page.getByRole("switch", { name: "Do not train on my content" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await accessible(page, browser);
  await toggle.click();
  await expect(page).toHaveURL(/\/privacy/);
  await expect(page.locator("#training-state")).toContainText("On: your content is not used");

  // The post redirects back to the page; a fresh load then shows what was stored.
  await page.getByLabel("Country or state").selectOption("GB-SCT");
  const reloaded = page.waitForResponse((r) => r.url().includes("/privacy") && r.request().method() === "GET");
  await page.getByRole("button", { name: "Save" }).click();
  await reloaded;
  await page.reload();
  await expect(page.getByLabel("Country or state")).toHaveValue("GB-SCT");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/privacy");
  await expect(page.getByText("Sign in to see and change your choices.")).toBeVisible();
});

test("without JavaScript: another address can be used instead", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(freshEmail("typo"));
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("status")).toContainText("We sent a code to");
  await page.getByRole("button", { name: "use another address" }).click();
  await expect(page.getByLabel("E-mail address")).toBeVisible();
});

test("without JavaScript: request an export, then delete and cancel in the grace period", async ({ page, browser }) => {
  const email = freshEmail("noscript-export");
  await page.goto("/requests/new/export");
  await page.getByRole("link", { name: "Sign in to continue" }).click();
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await page.getByLabel("Code").fill(await codeFromOutbox(email));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/requests\/new\/export$/);

  await page.getByLabel("Country or state").selectOption("DE");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#reply-by time")).toBeVisible();
  await expect(page.getByText("GDPR", { exact: true })).toBeVisible();
  await accessible(page, browser);
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Export your data");
  await expect(page.locator(".timeline")).toContainText("We received your request.");
  await accessible(page, browser);

  await page.goto("/requests/new/delete");
  // The box must be ticked: the browser asks first, and the server refuses without it.
  await page.getByLabel(/I understand that my account and my data will be deleted/).check();
  await page.getByRole("button", { name: "Delete my data and account" }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.locator(".timeline")).toContainText("until then you can cancel");
  await accessible(page, browser);
  await page.getByRole("button", { name: "Cancel the deletion" }).click();
  await expect(page.locator("#request-status")).toHaveText("Canceled");
  await expect(page.locator(".timeline")).toContainText("It was canceled.");
  await expect(page.getByRole("button", { name: "Cancel the deletion" })).toHaveCount(0);
});

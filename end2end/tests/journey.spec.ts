// The first user journey: sign in with an e-mailed code, switch off AI training, see the
// history, switch it back on, sign out.
import { expect } from "@playwright/test";
import { codeFromOutbox, consoleErrors, freshEmail, hydrated, mailArrives, screenshot, test } from "./helpers";

test("home page explains the rights and hydrates without console errors", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your data, your rights");
  await expect(page.getByRole("heading", { name: "Keep your content out of AI training" })).toBeVisible();
  await hydrated(page);
  await screenshot(page, "home");
  errors.check();
});

test("sign in by code, opt out of training, opt back in, sign out", async ({ page }) => {
  const errors = consoleErrors(page);
  const email = freshEmail("ada");

  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("status")).toContainText("We sent a code to");

  const code = await codeFromOutbox(email);
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await hydrated(page);

  // Living in Scotland puts the person's requests under UK GDPR.
  // The form is not an island: saving posts it and reloads the page. Wait for the new page
  // (the old one already shows the choice) before marking it below.
  await page.getByLabel("Country or state").selectOption("GB-SCT");
  const reloaded = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
  await page.getByRole("button", { name: "Save" }).click();
  await reloaded;
  await hydrated(page);
  await expect(page.getByLabel("Country or state")).toHaveValue("GB-SCT");

  const toggle = page.getByRole("switch", { name: "Do not train on my content" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(page.getByText("You have made no requests yet.")).toBeVisible();

  // The switch is an island: it flips in place, and the page must not reload (the marker
  // would vanish).
  await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(page.locator("#training-state")).toContainText("On: your content is not used");
  expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
  // The in-process job worker mails a receipt.
  await mailArrives(email, "We received your request");

  // The choice survives a reload: it is stored, not just shown; the history lists it.
  await page.reload();
  await hydrated(page);
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(page.getByLabel("Country or state")).toHaveValue("GB-SCT");
  const row = page.locator("#requests tbody tr").first();
  await expect(row).toContainText("Do not train AI models on your content");
  await expect(row).toContainText("Completed");
  await screenshot(page, "privacy");

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await page.reload();
  await expect(page.locator(".choices li")).toHaveCount(2);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/privacy");
  await expect(page.getByText("Sign in to see and change your choices.")).toBeVisible();
  errors.check();
});

test("a wrong code is refused with a clear message", async ({ page }) => {
  const errors = consoleErrors(page);
  const email = freshEmail("eve");
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  const code = await codeFromOutbox(email);
  const wrong = code === "000000" ? "111111" : "000000";
  await page.getByLabel("Code").fill(wrong);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That code is not right, or it has expired");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel("Code")).toBeVisible();
  errors.check();
});

test("after 'use another address', the same address can be sent again", async ({ page }) => {
  const email = freshEmail("again");
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("status")).toContainText("We sent a code to");
  await page.getByRole("button", { name: "use another address" }).click();
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("status")).toContainText(`We sent a code to ${email}`);
});

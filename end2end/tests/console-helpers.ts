// What the console's journeys share: the `rightful` command line against the test server's
// data directory, axe-core, a person filing a correction through the portal, and a member of
// staff signing in to the console.
import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { codeFromOutbox, freshEmail, hydrated } from "./helpers";

/** Runs the `rightful` command line against the test server's data directory, as the
 * server runs (data systems on 127.0.0.1 allowed, see playwright.config.ts). */
export function rightfulWithInput(input: string | undefined, ...args: string[]): string {
  return execFileSync(process.env.RIGHTFUL_BIN ?? "rightful", args, {
    env: {
      ...process.env,
      DATABASE_URL: "",
      RIGHTFUL_DATA_DIR: process.env.E2E_DATA_DIR,
      RIGHTFUL_LOG: "error",
      RIGHTFUL_SYSTEM_NETWORKS: "127.0.0.0/8",
    },
    encoding: "utf8",
    input,
  }).trim();
}

export function rightful(...args: string[]): string {
  return rightfulWithInput(undefined, ...args);
}

export async function accessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** A new person signs in from the flow page of `kind`, says where they live, and is back. */
export async function startAt(page: Page, kind: string, place: string, name: string): Promise<string> {
  const email = freshEmail(name);
  await page.goto(`/sign-in?next=%2Frequests%2Fnew%2F${kind}`);
  await hydrated(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await page.getByLabel("Code").fill(await codeFromOutbox(email));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/new/${kind}$`));
  await hydrated(page);
  await page.getByLabel("Country or state").selectOption(place);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#reply-by time")).toBeVisible();
  return email;
}

/** Files the flow page's form; returns the new request's id and signs the person out. */
export async function send(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop() as string;
  await page.context().clearCookies();
  return id;
}

/** A person files a correction, which waits for staff; returns its id and their address. */
export async function fileCorrection(page: Page, name: string, place = "DE"): Promise<{ id: string; email: string }> {
  const email = await startAt(page, "correct", place, name);
  await page.getByLabel("What is wrong?").fill("My surname is spelt Lovelase.");
  await page.getByLabel("What should it say?").fill("Lovelace.");
  return { id: await send(page), email };
}

/** Signs `who` in to the console with `password`, checking the sign-in page with axe. */
export async function signIn(page: Page, who: string, password: string) {
  await page.goto("/console");
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console\/sign-in/);
  await accessible(page);
  await page.getByLabel("Work e-mail address").fill(who);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByText(`Signed in as ${who}`)).toBeVisible();
}

// Shared helpers: reading sign-in codes from the outbox, waiting for hydration, and
// collecting browser console errors.
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import * as fs from "node:fs";
import * as path from "node:path";

/** Every mail in the server's outbox, newest first, with its quoted-printable parts decoded. */
export function outboxMails(): { mtime: number; text: string }[] {
  const outbox = path.join(process.env.E2E_DATA_DIR ?? "", "outbox");
  if (!fs.existsSync(outbox)) return [];
  return fs
    .readdirSync(outbox)
    .map((name) => path.join(outbox, name))
    .map((file) => ({ mtime: fs.statSync(file).mtimeMs, text: decodeQuotedPrintable(fs.readFileSync(file, "latin1")) }))
    .sort((a, b) => b.mtime - a.mtime);
}

/** Undoes quoted-printable: soft line breaks, and `=XX` bytes read back as UTF-8. */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  const bytes = Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), "latin1");
  return bytes.toString("utf8");
}

/** The newest sign-in code mailed to `email`, in whatever language: the line of six digits. */
export async function codeFromOutbox(email: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(() => {
      const mail = outboxMails().find((m) => m.text.includes(email) && m.text.includes("X-Rightful-Notice: sign_in_code"));
      code = mail?.text.match(/^(\d{6})\r?$/m)?.[1];
      return code;
    }, { message: `a code for ${email} in the outbox` })
    .toBeTruthy();
  return code as string;
}

/** Waits for a mail to `email` whose decoded text contains `needle` (e.g. a receipt sent by the worker). */
export async function mailArrives(email: string, needle: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(() => {
      found = outboxMails().find((m) => m.text.includes(email) && m.text.includes(needle))?.text;
      return found !== undefined;
    }, { message: `a mail to ${email} containing ${needle}`, timeout: 15_000 })
    .toBe(true);
  return found as string;
}

/** Waits until the WebAssembly app has hydrated the page and attached its handlers. */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/**
 * Records console errors and uncaught exceptions; call `.check()` at the end of a test.
 * `expected` lists messages a test provokes on purpose, such as the 422 of a wrong code.
 */
export function consoleErrors(page: Page, expected: RegExp[] = []) {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && !expected.some((re) => re.test(msg.text()))) errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return { check: () => expect(errors, "browser console errors").toEqual([]) };
}

/** With E2E_SCREENSHOTS=1 the journeys refresh the README's screenshots. */
export async function screenshot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS) {
    await page.screenshot({ path: `../docs/screenshots/${name}.png`, fullPage: true });
  }
}

/** A fresh address per test run, so runs never share an account. */
export function freshEmail(name: string): string {
  return `${name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;
}

let clients = 0;

/**
 * Playwright's `test`, with each test coming from a client address of its own (the server
 * trusts 127.0.0.1 as a proxy, see playwright.config.ts): every test is a different person
 * on a different network, so the per-client sign-in limits count each test alone, as they
 * would count real people.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    clients += 1;
    const address = `198.51.100.${(process.pid + clients) % 250 + 1}`;
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": address });
    await use(page);
  },
});

/**
 * No axe violations of any impact in the page as the server rendered it. axe needs
 * scripts, so the markup (without its scripts, styled by its own stylesheet) is scanned in a
 * second page that runs them.
 */
export async function accessibleWithoutScripts(page: Page, browser: Browser) {
  const origin = new URL(page.url()).origin;
  const html = (await page.content())
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace("<head>", `<head><base href="${origin}/">`);
  const context = await browser.newContext({ javaScriptEnabled: true });
  const scan = await context.newPage();
  await scan.setContent(html, { waitUntil: "load" });
  const results = await new AxeBuilder({ page: scan }).analyze();
  await context.close();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

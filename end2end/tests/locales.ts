// The portal's own wording, read from the app's locale files, so that tests in other
// languages check the words people read without copying them.
import * as fs from "node:fs";
import * as path from "node:path";

export const LANGUAGES = ["en", "de", "fr", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

type Tree = { [key: string]: string | Tree };

const cache = new Map<Language, Tree>();

/** The text of `key` (such as `sign_in.heading`) in `language`, with `{{ name }}`s filled. */
export function t(language: Language, key: string, values: Record<string, string> = {}): string {
  if (!cache.has(language)) {
    const file = path.join(__dirname, "..", "..", "app", "locales", `${language}.json`);
    cache.set(language, JSON.parse(fs.readFileSync(file, "utf8")));
  }
  let node: string | Tree | undefined = cache.get(language);
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`no key ${key} in ${language}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => values[name] ?? `{{ ${name} }}`);
}

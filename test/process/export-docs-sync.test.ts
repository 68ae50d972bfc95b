// The README's and docs/export.md's usage lines and programs are the ones the export test runs,
// character for character (their shell commands are checked with all others by docs-sync).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/dev-server.ts";
import { exportPrograms, exportSnippets } from "./export-examples.ts";

const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");
/** A fenced block holding exactly these lines. */
const block = (lines: readonly string[]) => `\`\`\`\n${lines.join("\n")}\n\`\`\``;
const blockAfterFence = (text: string, lines: readonly string[]) =>
  new RegExp(
    `\`\`\`\\w*\\n${lines.join("\n").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n\`\`\``,
  ).test(text);

describe("the export examples in the README and docs/export.md are the tested ones", () => {
  it.each(Object.entries(exportSnippets))(
    "README.md shows the %s usage lines as a block",
    (_, lines) => {
      expect(blockAfterFence(read("README.md"), lines), block(lines)).toBe(true);
    },
  );

  it.each(Object.entries(exportPrograms))("docs/export.md shows %s whole", (name, lines) => {
    const docs = read("docs/export.md");
    const shown = name.endsWith(".c") ? lines : [`// ${name}`, ...lines];
    expect(blockAfterFence(docs, name === "use.py" ? [`# ${name}`, ...lines] : shown), name).toBe(
      true,
    );
  });
});

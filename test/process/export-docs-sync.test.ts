// docs/export.md's commands and programs are the ones the export test runs, character for
// character.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/dev-server.ts";
import { exportExamples, exportPrograms } from "./export-examples.ts";

const docs = readFileSync(join(repoRoot, "docs/export.md"), "utf8");
const docsLines = new Set(docs.split("\n").map((line) => line.trim()));

describe("docs/export.md shows the tested commands and programs", () => {
  it.each(Object.entries(exportExamples))("%s stands as a line of its own", (_, command) => {
    expect(docsLines.has(command)).toBe(true);
  });

  it.each(Object.entries(exportPrograms))("%s is printed whole", (_, lines) => {
    expect(docs).toContain(`\n${lines.join("\n")}\n\`\`\``);
  });
});

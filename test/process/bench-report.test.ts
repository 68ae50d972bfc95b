// bench/report.ts: a benchmark rewrites its own section of bench/README.md and nothing else.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  createReport,
  replaceSection,
  sectionEnd,
  sectionNames,
  sectionStart,
} from "../../bench/report.ts";

const doc = [
  "# Benchmarks",
  "prose about a",
  sectionStart("a"),
  "old a",
  sectionEnd("a"),
  "prose about b",
  sectionStart("b"),
  "old b",
  "| x |",
  sectionEnd("b"),
  "the end",
  "",
].join("\n");

describe("replaceSection", () => {
  it("replaces one section's body and keeps every other byte", () => {
    const after = replaceSection(doc, "b", "| new |\n|---|\n");
    expect(after).toBe(doc.replace("old b\n| x |", "| new |\n|---|"));
    expect(replaceSection(after, "b", "| new |\n|---|")).toBe(after);
    expect(sectionNames(after)).toEqual(["a", "b"]);
  });

  it("refuses a section that is missing or marked twice", () => {
    expect(() => replaceSection(doc, "c", "x")).toThrow(/no section "c"/);
    expect(() => replaceSection(`${doc}${sectionStart("a")}\n`, "a", "x")).toThrow(
      /more than once/,
    );
  });
});

describe("createReport", () => {
  it("prints each line and writes them all into its section", () => {
    const dir = mkdtempSync(join(tmpdir(), "backprop-edge-report-"));
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const file = join(dir, "README.md");
      writeFileSync(file, doc);
      const report = createReport("a");
      report.line("Measured now:");
      report.line();
      report.line("| t |");
      report.save(file);
      expect(log.mock.calls.slice(0, 3).map(([text]) => text)).toEqual([
        "Measured now:",
        "",
        "| t |",
      ]);
      expect(readFileSync(file, "utf8")).toBe(doc.replace("old a", "Measured now:\n\n| t |"));
    } finally {
      log.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

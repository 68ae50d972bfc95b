// The docs say what is true of the project: every command a reader may copy is one a test runs
// (doc-commands.ts), every link leads somewhere, the README stays a short guide, every error type
// is documented, and each benchmark section of bench/README.md has the script that writes it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { sectionNames } from "../../bench/report.ts";
import { problemTypes } from "../../worker/problem.ts";
import { repoRoot } from "../support/dev-server.ts";
import { docFiles, shellCommands } from "../support/doc-blocks.ts";
import { docCommands } from "./doc-commands.ts";

const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
const shown = docFiles().flatMap(shellCommands);
const listed = new Map(docCommands.map((entry) => [entry.command, entry]));

describe("every command in the docs is run by a test", () => {
  it.each(shown.map((c) => [`${c.file}:${c.line}`, c.command]))("%s: %s", (_, command) => {
    expect(listed.has(command), `add it to test/process/doc-commands.ts: ${command}`).toBe(true);
  });

  it.each(docCommands.map((entry) => [entry.command, entry]))("%s", (command, entry) => {
    expect(shown.map((c) => c.command)).toContain(command);
    if ("runBy" in entry) expect(read(entry.runBy)).toContain(entry.evidence);
    else expect(entry.notRun.length).toBeGreaterThan(20);
    for (const [, script] of command.matchAll(/\bnpm (?:run )?([\w:-]+)/g)) {
      if (script === "install") continue;
      expect(Object.keys(scripts), `npm script ${script}`).toContain(script);
    }
    for (const [path] of command.matchAll(/[\w.-]+(?:\/[\w.-]+)+\.(?:ts|toml|json|py|c)\b/g)) {
      expect(existsSync(join(repoRoot, path)), path).toBe(true);
    }
  });
});

describe("the docs", () => {
  it.each(docFiles())("%s links only to files that exist", (file) => {
    const links = [...read(file).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
    for (const link of links.filter((target) => !/^[a-z]+:/.test(target))) {
      const path = link.replace(/#.*$/, "");
      if (path === "") continue;
      expect(existsSync(join(repoRoot, dirname(file), path)), `${file} → ${link}`).toBe(true);
    }
  });

  it.each(docFiles())("%s names only files that exist", (file) => {
    const named = [
      ...read(file).matchAll(/`((?:shared|worker|site|test|bench|scripts|docs)\/[\w./-]+\.\w+)`/g),
    ];
    for (const [, path] of named) {
      // Built files (site/dist) exist only after a build.
      if (path?.startsWith("site/dist")) continue;
      expect(existsSync(join(repoRoot, path ?? "")), `${file} names ${path}`).toBe(true);
    }
  });

  it("the README is a short guide with the two commands near the top", () => {
    const lines = read("README.md").split("\n");
    expect(lines.length).toBeLessThanOrEqual(200);
    const top = lines.slice(0, 40).join("\n");
    expect(top).toMatch(/^npm install && npm start\b/m);
    expect(top).toMatch(/^npm test\b/m);
    // The address the README gives is the one `npm start` listens on.
    const port = /--port (\d+)/.exec(scripts.start ?? "")?.[1];
    expect(top).toContain(`http://localhost:${port}`);
    expect(top).toMatch(/!\[[^\]]+\]\(docs\/page\.png\)/);
  });

  it("docs/api.md documents every problem type the API answers with", () => {
    const api = read("docs/api.md");
    for (const type of Object.values(problemTypes)) expect(api).toContain(`\`${type}\``);
  });

  it("each section of bench/README.md has a benchmark that writes it", () => {
    const sections = sectionNames(read("bench/README.md"));
    const writers = readdirSync(join(repoRoot, "bench"))
      .filter((name) => name.endsWith(".ts"))
      .flatMap((name) => [...read(`bench/${name}`).matchAll(/createReport\("([\w-]+)"\)/g)])
      .map((match) => match[1]);
    expect(sections.length).toBeGreaterThan(0);
    expect([...sections].sort()).toEqual([...new Set(writers)].sort());
  });
});

// Every `console` block of the docs, run as a reader would paste it, in the repository root: each
// `$ ` command must print exactly the lines shown under it.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/dev-server.ts";
import { consoleSteps, docFiles } from "../support/doc-blocks.ts";

const steps = docFiles().flatMap(consoleSteps);

describe("console blocks in the docs print what they show", () => {
  it("there are some", () => {
    expect(steps.length).toBeGreaterThan(0);
  });

  it.each(steps.map((step) => [`${step.file}:${step.line}`, step]))("%s", (_, step) => {
    const printed = execFileSync("bash", ["-c", step.command], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    const lines = printed.split("\n").filter((line) => line.trim() !== "");
    expect(lines).toEqual(step.output);
  });
});

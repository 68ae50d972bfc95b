// The curl examples the process tests run are the README's own, character for character.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/dev-server.ts";
import { readmeExamples } from "./readme-examples.ts";

const readmeLines = new Set(
  readFileSync(join(repoRoot, "README.md"), "utf8")
    .split("\n")
    .map((line) => line.trim()),
);

describe("README curl examples are the tested ones", () => {
  it.each(Object.entries(readmeExamples))(
    "%s stands in the README as a line of its own",
    (_, command) => {
      expect(readmeLines.has(command)).toBe(true);
    },
  );
});

// The commands a reader may copy from the project's Markdown: the lines of its `sh` code blocks
// (output, when shown, is a `#` comment) and the `$ ` lines of its `console` blocks, each followed
// by the output it prints.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./dev-server.ts";

/** README.md, every docs/*.md and bench/README.md, as paths from the repository root. */
export function docFiles(): string[] {
  const docs = readdirSync(join(repoRoot, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs, "bench/README.md"];
}

export type CodeBlock = { file: string; line: number; lang: string; lines: string[] };

/** Every fenced code block of a Markdown file, with the line its fence opens on. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(join(repoRoot, file), "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  let open: CodeBlock | undefined;
  for (const [index, line] of lines.entries()) {
    const fence = /^\s*```(\S*)/.exec(line);
    if (open) {
      if (fence) {
        blocks.push(open);
        open = undefined;
      } else open.lines.push(line);
    } else if (fence) {
      open = { file, line: index + 1, lang: fence[1] ?? "", lines: [] };
    }
  }
  return blocks;
}

const shellLangs = new Set(["sh", "bash", "shell"]);

export type DocCommand = { file: string; line: number; command: string };

/** The lines of `sh` blocks that a reader would run, without their trailing `# comment`. */
export function shellCommands(file: string): DocCommand[] {
  return codeBlocks(file)
    .filter((block) => shellLangs.has(block.lang))
    .flatMap((block) =>
      block.lines.map((text, index) => ({
        file,
        line: block.line + 1 + index,
        command: text.replace(/\s+#\s.*$/, "").trim(),
      })),
    )
    .filter(({ command }) => command !== "" && !command.startsWith("#"));
}

export type ConsoleStep = DocCommand & { output: string[] };

/** Each `$ command` of a `console` block and the lines printed under it. */
export function consoleSteps(file: string): ConsoleStep[] {
  const steps: ConsoleStep[] = [];
  for (const block of codeBlocks(file).filter((b) => b.lang === "console")) {
    for (const [index, text] of block.lines.entries()) {
      if (text.startsWith("$ ")) {
        steps.push({ file, line: block.line + 1 + index, command: text.slice(2), output: [] });
      } else if (text.trim() !== "") {
        const step = steps.at(-1);
        if (!step) throw new Error(`${file}:${block.line}: a console block must start with "$ "`);
        step.output.push(text);
      }
    }
  }
  return steps;
}

/** The `# ` comment lines right under a command in the docs' `sh` blocks: its output, as shown. */
export function shownOutput(command: string): string[] {
  for (const file of docFiles()) {
    for (const block of codeBlocks(file)) {
      const at = block.lines.findIndex((line) => line.trim() === command);
      if (at < 0) continue;
      const after = block.lines.slice(at + 1);
      const end = after.findIndex((line) => !line.startsWith("# "));
      return (end < 0 ? after : after.slice(0, end)).map((line) => line.slice(2));
    }
  }
  throw new Error(`no doc shows ${command}`);
}

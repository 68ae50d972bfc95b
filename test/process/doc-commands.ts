// Every command a reader may copy from README.md, docs/*.md and bench/README.md, and what runs it.
// docs-sync.test.ts fails when a doc shows a command that is not listed here, when a listed one
// is in no doc, or when what is said to run it does not. Adding a command to a doc: add it here,
// with the test that runs it (curl lines go in readme-examples.ts and curl.test.ts runs them).
// `console` blocks need no entry: docs-console.test.ts runs every one and compares its output.

import { exportExamples } from "./export-examples.ts";
import { jobExamples } from "./job-examples.ts";
import { readmeExamples } from "./readme-examples.ts";

export type CommandEntry =
  /** Run by a file of the project, which contains `evidence` where it does so. */
  | { command: string; runBy: string; evidence: string }
  /** Run by no test, for the reason given; the sync test still checks the scripts it names. */
  | { command: string; notRun: string };

const curlTest = "test/process/curl.test.ts";
const account =
  "needs a Cloudflare account; deploy.test.ts runs `wrangler deploy --dry-run` instead";
const benchmark = "a benchmark takes minutes, and its output is the tables of bench/README.md";

export const docCommands: CommandEntry[] = [
  { command: "npm install && npm start", runBy: ".ci/run", evidence: "npm start" },
  { command: "npm test", runBy: ".ci/run", evidence: "npm test" },
  ...Object.entries(readmeExamples).map(([key, command]) => ({
    command,
    runBy: curlTest,
    evidence: `readmeExamples.${key})`,
  })),
  { command: "BASE=http://localhost:8787", runBy: curlTest, evidence: "vars.BASE = server.url" },
  ...Object.entries(jobExamples).map(([key, command]) => ({
    command,
    runBy: "test/process/jobs-curl.test.ts",
    evidence: `jobExamples.${key})`,
  })),
  // docs/export.md (and the README's download line): the export test runs each, as printed.
  ...Object.entries(exportExamples).map(([key, command]) => ({
    command,
    runBy: "test/process/export.test.ts",
    evidence: `exportExamples.${key})`,
  })),
  // `npm test` runs every project; each line below runs one of them.
  ...["core", "worker", "process", "e2e"].map((project) => ({
    command: `npx vitest run --project ${project}`,
    runBy: `test/${project}/vitest.config.ts`,
    evidence: `name: "${project}"`,
  })),
  { command: "npm run build", runBy: "test/e2e/global-setup.ts", evidence: '["run", "build"]' },
  {
    command: "npx vite --config site/vite.config.ts",
    notRun: "a live-reload server for people at work on the page; `npm run build` uses its config",
  },
  { command: "npm run bench", notRun: benchmark },
  { command: "npm run bench:budget", notRun: benchmark },
  { command: "npm run bench:api", notRun: benchmark },
  { command: "npx wrangler login", notRun: account },
  { command: "npx wrangler kv namespace create MODELS", notRun: account },
  { command: "npm run deploy", notRun: account },
];

// docs/jobs.md's curl lines, run with real curl against a real `wrangler dev` (Workflows emulated
// locally, no account): the 8-3-8 encoder as a job from CSV, followed as server-sent events, its
// model equal to the core's uncapped run; training it on; a job from it, cancelled.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLimits, type Model, train } from "../../shared/index.ts";
import { classics } from "../support/classics.ts";
import { type DevServer, startDevServer } from "../support/dev-server.ts";
import { jobExamples } from "./job-examples.ts";

let server: DevServer;
let workdir: string;
const vars: Record<string, string> = {};

function run(command: string): string {
  return execFileSync("bash", ["-c", command], {
    cwd: workdir,
    env: { ...process.env, ...vars },
    encoding: "utf8",
  });
}

function parseHttp(text: string): { status: number; headers: string; body: string } {
  const [head = "", body = ""] = text.split(/\r?\n\r?\n/, 2);
  return { status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(head)?.[1]), headers: head, body };
}

beforeAll(async () => {
  server = await startDevServer();
  workdir = mkdtempSync(join(tmpdir(), "backprop-edge-jobs-"));
  vars.BASE = server.url;
});
afterAll(async () => {
  await server?.stop();
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

describe("docs/jobs.md curl lines", () => {
  it("runs the encoder as a job, follows it to the end, and its model is the core's", () => {
    run(jobExamples.encoderCsv);
    const accepted = JSON.parse(run(jobExamples.startJob)) as {
      id: string;
      deleteToken: string;
      status: string;
      slices: number;
    };
    expect(accepted).toMatchObject({ status: "queued", slices: expect.any(Number) });
    expect(accepted.slices).toBeGreaterThan(1);
    vars.JOB = accepted.id;
    vars.TOKEN = accepted.deleteToken;

    const stream = run(jobExamples.follow);
    const events = [...stream.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events.at(-1)).toBe("complete");
    expect(events.slice(0, -1).every((event) => event === "progress")).toBe(true);

    const status = parseHttp(run(jobExamples.status));
    expect(status.status).toBe(200);
    expect(status.headers).not.toMatch(/^retry-after:/im);
    expect(JSON.parse(status.body)).toMatchObject({
      status: "complete",
      epochsDone: 5000,
      model: `/api/models/${accepted.id}`,
    });

    const stored = JSON.parse(run(jobExamples.model)) as {
      model: Model;
      result: { weightsHash: string; accuracy: number };
    };
    const expected = train(classics.encoder, {
      ...defaultLimits,
      maxCost: Number.POSITIVE_INFINITY,
    });
    expect(stored.model.layers).toStrictEqual(expected.model.layers);
    expect(stored.result).toMatchObject({ weightsHash: expected.weightsHash, accuracy: 1 });
  });

  it("trains the job's model on, and cancels a job continuing it", () => {
    const more = JSON.parse(run(jobExamples.more)) as {
      parent: string;
      result: { epochs: number; weightsHash: string };
    };
    expect(more.parent).toBe(vars.JOB);
    expect(more.result.epochs).toBe(6000);
    const longer = train(
      { ...classics.encoder, training: { ...classics.encoder.training, epochs: 6000 } },
      { ...defaultLimits, maxCost: Number.POSITIVE_INFINITY },
    );
    expect(more.result.weightsHash).toBe(longer.weightsHash);

    const next = JSON.parse(run(jobExamples.jobFrom)) as { id: string; deleteToken: string };
    vars.NEXT = next.id;
    vars.NEXT_TOKEN = next.deleteToken;
    expect(parseHttp(run(jobExamples.cancel)).status).toBe(204);
    const view = parseHttp(
      run(`curl -s -i "$BASE/api/jobs/$NEXT" -H "Authorization: Bearer $NEXT_TOKEN"`),
    );
    expect(JSON.parse(view.body)).toMatchObject({ status: "cancelled", parent: vars.JOB });
    expect(parseHttp(run(`curl -s -i "$BASE/api/models/$NEXT"`)).status).toBe(404);
  });
});

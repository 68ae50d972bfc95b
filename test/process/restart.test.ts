// A model stored before `wrangler dev` stops is still there after it starts again (local KV is
// persisted on disk, as `npm start` does under .wrangler/state).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startDevServer } from "../support/dev-server.ts";

it("keeps a trained model across a restart", async () => {
  const state = mkdtempSync(join(tmpdir(), "backprop-edge-state-"));
  try {
    const first = await startDevServer({ persistTo: state });
    let created: { id: string; model: unknown };
    try {
      const response = await fetch(`${first.url}/api/train?epochs=200`, {
        method: "POST",
        headers: { "Content-Type": "text/csv" },
        body: "a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n",
      });
      expect(response.status).toBe(201);
      created = (await response.json()) as { id: string; model: unknown };
    } finally {
      await first.stop();
    }
    const second = await startDevServer({ persistTo: state });
    try {
      const response = await fetch(`${second.url}/api/models/${created.id}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { model: unknown }).model).toEqual(created.model);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});

import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("answers health", async () => {
  const response = await exports.default.fetch("http://x/api/health");
  expect(response.status).toBe(200);
  expect(typeof env.MODELS.put).toBe("function");
});

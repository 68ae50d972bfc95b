// The Bearer token rules the API's owner-only routes share (DELETE /api/models/{id}, jobs).
import type { Context } from "hono";
import { sameDigest, sha256 } from "./ids.ts";
import { problem, problemResponse } from "./problem.ts";

/** The token in `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(c: Context): string | undefined {
  const authorization = c.req.header("Authorization") ?? "";
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}

/** 401 with the header that says how to authenticate. */
export function missingToken(c: Context, what: string) {
  return problemResponse(
    c,
    problem(401, `send the ${what} as Authorization: Bearer <deleteToken>`),
    { "WWW-Authenticate": 'Bearer realm="backprop-edge"' },
  );
}

export async function tokenMatches(token: string, hash: string): Promise<boolean> {
  return sameDigest(await sha256(token), hash);
}

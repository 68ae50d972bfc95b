// Checks every body-carrying route makes before it reads anything: size first, then type.
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { problem, problemResponse } from "./problem.ts";

export const maxBodyBytes = 64 * 1024;

/** 413 over 64 KiB, whether the size is declared or only found out while reading (chunked). */
export const limitBody = bodyLimit({
  maxSize: maxBodyBytes,
  onError: (c: Context) =>
    problemResponse(c, problem(413, `the body is over ${maxBodyBytes} bytes (64 KiB)`)),
});

/** 415 unless the body is one of these media types (parameters such as charset are fine). */
export function mediaTypes(...accepted: string[]) {
  return createMiddleware(async (c, next) => {
    if (!accepted.includes(mediaTypeOf(c))) {
      return problemResponse(c, problem(415, `send the body as ${accepted.join(" or ")}`), {
        "Accept-Post": accepted.join(", "),
      });
    }
    await next();
  });
}

/** The request's media type, lower case, without parameters. */
export function mediaTypeOf(c: Context): string {
  return (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

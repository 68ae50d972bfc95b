// Where the browser is: Debian's package, installed by `.ci/run` (apt-get install -y chromium).
import { existsSync } from "node:fs";

export const browserPath = "/usr/bin/chromium";
export const haveBrowser = existsSync(browserPath);
export const inCi = process.env.CI === "true";

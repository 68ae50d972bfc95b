// The deployed version and licence, from package.json, so /api/health and the API document say
// what is running.
import manifest from "../package.json" with { type: "json" };

export const version: string = manifest.version;
export const license: string = manifest.license;

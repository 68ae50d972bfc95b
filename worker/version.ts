// The deployed version, from package.json, so /api/health says what is running.
import manifest from "../package.json" with { type: "json" };

export const version: string = manifest.version;

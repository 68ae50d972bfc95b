// `npm start`: build the site, then serve it and the API with `wrangler dev` on
// http://localhost:8787, keeping local KV under .wrangler/state so models survive a restart.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  scripts?: Record<string, string>;
};

// npm sets npm_execpath when it runs this script; run npm with this same Node (24).
const npm = (args: string[]) =>
  process.env.npm_execpath
    ? spawnSync(process.execPath, [process.env.npm_execpath, ...args], {
        cwd: root,
        stdio: "inherit",
      })
    : spawnSync("npm", args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });

if (manifest.scripts?.build) {
  const build = npm(["run", "build"]);
  if (build.status !== 0) process.exit(build.status ?? 1);
} else {
  // Nothing to build yet: wrangler still needs the assets directory to exist.
  mkdirSync(join(root, "site/dist"), { recursive: true });
}

const wrangler = spawn(
  process.execPath,
  [
    join(root, "node_modules/wrangler/bin/wrangler.js"),
    "dev",
    "--port",
    "8787",
    "--persist-to",
    join(root, ".wrangler/state"),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => wrangler.kill(signal));
}
wrangler.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

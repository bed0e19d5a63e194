// Starts the real Liaison app layer for the end-to-end tests. A binary built
// with -tags dev runs on a private Xvfb display and serves the frontend with
// working bindings through Wails's dev server on 127.0.0.1. Chromium, driven
// by playwright-core, opens that address.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = resolve(frontendDir, "..");
export const outputDir = process.env.LIAISON_TEST_OUTPUT
  ? resolve(process.env.LIAISON_TEST_OUTPUT, "e2e")
  : join(repoRoot, "test-output", "e2e");

const chromiumPath = process.env.LIAISON_CHROMIUM ?? "/usr/bin/chromium";

// Deadlines that bound a hung build or server; none is a measurement.
const buildTimeoutMs = 10 * 60_000;
const serverTimeoutMs = 2 * 60_000;

/** Runs a command to completion and throws with its output when it fails. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: buildTimeoutMs, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Builds the dev-tagged binary, or returns LIAISON_E2E_BINARY when it is set. */
function buildDevBinary(workDir) {
  if (process.env.LIAISON_E2E_BINARY) return process.env.LIAISON_E2E_BINARY;
  const binary = join(workDir, "liaison-dev");
  run("bash", [join(repoRoot, "build/scripts/build.sh"), "--dev", "--no-npm-ci", "-o", binary], { cwd: repoRoot });
  return binary;
}

/** Starts Xvfb on a free display and returns { display, process }. */
function startXvfb() {
  return new Promise((resolvePromise, reject) => {
    const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let stderr = "";
    xvfb.stderr.on("data", (d) => (stderr += d));
    xvfb.on("error", reject);
    xvfb.on("exit", (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr}`)));
    let number = "";
    xvfb.stdio[3].on("data", (d) => {
      number += d;
      if (number.includes("\n")) resolvePromise({ display: `:${number.trim()}`, process: xvfb });
    });
  });
}

/** Returns a free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

async function waitForServer(url, app) {
  const deadline = Date.now() + serverTimeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode} before serving ${url}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the Wails dev server did not answer at ${url} within ${serverTimeoutMs} ms`);
}

/** Starts Debian's Chromium headless with a fresh profile in workDir. */
export async function launchChromium(workDir) {
  const userDataDir = mkdtempSync(join(workDir, "chromium-"));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

const contentTypes = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

/**
 * Builds the component gallery (e2e/gallery) and serves it on 127.0.0.1 for
 * Chromium. Returns { baseURL, context, stop() }.
 */
export async function startGallery() {
  mkdirSync(outputDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), "liaison-gallery-"));
  const galleryDir = join(repoRoot, "test-output", "e2e-gallery");
  run("npx", ["vite", "build", "--config", "vite.gallery.config.ts", "--logLevel", "warn"], { cwd: frontendDir });

  const server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const file = resolve(galleryDir, "." + (path === "/" ? "/index.html" : path));
    if (!file.startsWith(galleryDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const baseURL = `http://127.0.0.1:${server.address().port}`;
  const context = await launchChromium(workDir);
  return {
    baseURL,
    context,
    async stop() {
      await context.close();
      await new Promise((r) => server.close(r));
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes an xdg-open that records each address it is asked to open in
 * urlFile instead of starting a browser. pkg/browser, which both the
 * Salesforce login and Wails's BrowserOpenURL use on Linux, runs the first
 * xdg-open on PATH, so the tests see what the app opened in the "system
 * browser" and drive it themselves.
 */
function fakeSystemBrowser(workDir) {
  const binDir = join(workDir, "bin");
  mkdirSync(binDir, { recursive: true });
  const urlFile = join(workDir, "opened-urls.txt");
  const script = join(binDir, "xdg-open");
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${urlFile}'\n`);
  chmodSync(script, 0o755);
  return { binDir, urlFile };
}

/**
 * Starts the app and Chromium. options.args are the command line after the
 * binary (default: the desktop with --data-dir); options.logName names the
 * log file under the output folder. Returns { baseURL, page, context,
 * dataDir, reportLines(event), log(), openedUrls(), stop() }.
 */
export async function startApp(options = {}) {
  mkdirSync(outputDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), "liaison-e2e-"));
  const dataDir = join(workDir, "data");
  const reportFile = join(workDir, "ui-report.jsonl");
  const logPath = join(outputDir, options.logName ?? "app.log");
  const browser = fakeSystemBrowser(workDir);

  if (!process.env.LIAISON_E2E_SKIP_FRONTEND_BUILD) {
    run("npm", ["run", "build", "--silent"], { cwd: frontendDir });
  }
  const binary = buildDevBinary(workDir);
  const xvfb = await startXvfb();
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  let argv = [binary, ...(options.args ?? []), "--data-dir", dataDir];
  if (!process.env.DBUS_SESSION_BUS_ADDRESS && existsSync("/usr/bin/dbus-run-session")) {
    argv = ["/usr/bin/dbus-run-session", "--", ...argv];
  }
  const logFd = openSync(logPath, "w");
  const app = spawn(argv[0], argv.slice(1), {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: {
      ...process.env,
      PATH: `${browser.binDir}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      DISPLAY: xvfb.display,
      GDK_BACKEND: "x11",
      // Read by Wails in dev builds (-tags dev): serve these files and the
      // bindings to browsers at this loopback address.
      assetdir: join(frontendDir, "dist"),
      devserver: `127.0.0.1:${port}`,
      LIAISON_UI_REPORT_FILE: reportFile,
      WEBKIT_DISABLE_COMPOSITING_MODE: "1",
      WEBKIT_DISABLE_DMABUF_RENDERER: "1",
      LIBGL_ALWAYS_SOFTWARE: "1",
      NO_AT_BRIDGE: "1",
    },
  });
  closeSync(logFd);

  const stopProcesses = async () => {
    if (app.exitCode === null) {
      try {
        process.kill(-app.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => {
        const timer = setTimeout(() => {
          try {
            process.kill(-app.pid, "SIGKILL");
          } catch {
            // already gone
          }
          r();
        }, 15_000);
        app.once("exit", () => {
          clearTimeout(timer);
          r();
        });
      });
    }
    xvfb.process.removeAllListeners("exit");
    xvfb.process.kill("SIGTERM");
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    await waitForServer(baseURL, app);
  } catch (err) {
    await stopProcesses();
    throw new Error(`${err.message}\napp log (${logPath}):\n${readFileSync(logPath, "utf8").slice(-4000)}`);
  }

  const context = await launchChromium(workDir);
  const page = context.pages()[0] ?? (await context.newPage());

  const reportLines = (event) => {
    if (!existsSync(reportFile)) return [];
    return readFileSync(reportFile, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l))
      .filter((l) => l.event === event)
      .map((l) => l.data);
  };

  const log = () => (existsSync(logPath) ? readFileSync(logPath, "utf8") : "");
  const openedUrls = () =>
    existsSync(browser.urlFile)
      ? readFileSync(browser.urlFile, "utf8")
          .split("\n")
          .filter((l) => l.trim() !== "")
      : [];

  return {
    baseURL,
    page,
    context,
    dataDir,
    reportLines,
    log,
    openedUrls,
    async stop() {
      await context.close();
      await stopProcesses();
    },
  };
}

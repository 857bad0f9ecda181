// A static file server for the playground (playground/dist), over node:http
// alone: `npm run playground` serves it on http://localhost:8080/ (or PORT);
// the browser test imports `serve` and serves it on a free port.

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The playground as `npm run build` writes it. */
export const PLAYGROUND_DIST = resolve(HERE, "..", "..", "..", "playground", "dist");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * Serve the files of `dir` on 127.0.0.1 (`port` 0: a free one).
 * @param {string} dir
 * @param {number} [port]
 * @returns {Promise<{url: string, close(): Promise<void>}>}
 */
export function serve(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const send = (status, text) => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      response.end(`${text}\n`);
    };
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("allow", "GET, HEAD");
      send(405, "method not allowed");
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      send(400, "bad request");
      return;
    }
    // Never outside the folder served, whatever the path says.
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      send(403, "forbidden");
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!pathname.endsWith("/")) {
          response.writeHead(301, { location: `${pathname}/` });
          response.end();
          return;
        }
        file = join(file, "index.html");
        info = await stat(file);
      }
      response.writeHead(200, {
        "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
        "content-length": info.size,
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
      });
      if (request.method === "HEAD") {
        response.end();
        return;
      }
      createReadStream(file).pipe(response);
    } catch {
      send(404, `not found: ${pathname}`);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : port}/`;
      resolvePromise({
        url,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await stat(join(PLAYGROUND_DIST, "index.html"));
  } catch {
    console.error(`serve: ${PLAYGROUND_DIST} has no index.html: run \`npm run build\` first`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await serve(PLAYGROUND_DIST, port);
  console.log(`The playground is served on ${url.replace("127.0.0.1", "localhost")} (Ctrl-C to stop)`);
}

import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Paths the console never answers: the API, its documentation and the probes keep theirs. */
const NOT_CONSOLE = /^\/(api|docs|healthz|readyz|metrics)(\/|$|-)/;

/** The repository root, from source (apps/api/web) and from the build (dist/apps/api/web) alike. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const webDist = (): string => process.env.WEB_DIST ?? join(repositoryRoot(), 'dist', 'web');

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>期限监管</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h1>期限监管控制台尚未构建</h1>
<p>服务已在运行，但控制台的页面文件还没有生成。请在项目目录执行 <code>npm run build:web</code>
（<code>npm start</code> 会自动构建），然后刷新本页。</p>
<p>接口文档见 <a href="/docs">/docs</a>。</p>
<p lang="en">The console has not been built yet: run <code>npm run build:web</code>, then reload.</p>
</body></html>`;

/**
 * Serves the console's build at `/`: hashed assets cached for a year, every other GET of a path the
 * console owns answered with index.html (its router decides), which is never cached so a new build
 * is picked up at once. Without a build, `/` says in Chinese how to make one.
 */
export function webConsole(dir = webDist()) {
  const assets = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      if (/[\\/]assets[\\/]/.test(path))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });
  const indexFile = join(dir, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path)) return next();
    if (!existsSync(indexFile)) {
      if (req.path !== '/' && req.path !== '/index.html') return next();
      res.status(503).type('html').setHeader('Cache-Control', 'no-store').send(NOT_BUILT);
      return;
    }
    assets(req, res, () => {
      // A missing asset is a 404, not the page: a stale hashed name must not load HTML as a script.
      if (req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(req.path)) return next();
      res.status(200).type('html').setHeader('Cache-Control', 'no-cache').send(readFileSync(indexFile));
    });
  };
}

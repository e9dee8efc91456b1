/**
 * What the console's first page (sign-in) downloads: the entry in the build's manifest with every
 * chunk and stylesheet it imports statically, in bytes and gzip-compressed (the size a compressing
 * proxy sends; the API itself serves them uncompressed). Lazy pages (dynamic imports) are left out:
 * they load when their route opens.
 *
 *   npm run bench:web   (or, after a build: npx tsx bench/web-bundle.ts [dist/web])
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export interface FirstPageAssets {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

export function firstPageAssets(distDir: string): FirstPageAssets {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error(`no entry in ${distDir}/.vite/manifest.json`);
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest names ${key} but has no entry for it`);
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(visit);
  };
  visit(entry);
  const sized = [...files].sort().map((file) => {
    const content = readFileSync(join(distDir, file));
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  return {
    files: sized,
    bytes: sized.reduce((n, f) => n + f.bytes, 0),
    gzip: sized.reduce((n, f) => n + f.gzip, 0),
  };
}

if (require.main === module) {
  const assets = firstPageAssets(process.argv[2] ?? 'dist/web');
  for (const f of assets.files) console.log(`${(f.gzip / 1024).toFixed(1).padStart(7)} KB gzip  ${f.file}`);
  console.log(
    `sign-in page: ${assets.files.length} files, ${(assets.bytes / 1024).toFixed(0)} KB, ` +
      `${(assets.gzip / 1024).toFixed(1)} KB gzip`,
  );
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Vite 8 transforms TSX itself (oxc); @vitejs/plugin-react's peers conflict with this toolchain.
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // The manifest lets test/web-bundle.spec.ts measure what the sign-in page downloads.
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the pages: their own chunks stay cached across releases.
        // ECharts is only imported by the dashboard's lazy chunk, so it is never in the first download.
        codeSplitting: {
          groups: [
            { name: 'react-vendor', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
      // antd marks its modules "use client" for React Server Components, which a SPA does not use.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

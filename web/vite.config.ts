// Vite build and Vitest configuration of the web UI. The build goes to web/dist, which
// `mf serve` serves at / (server.web_root). `npm run dev` proxies /api to a running mf serve
// (MF_API, default http://127.0.0.1:8080).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/recharts') || id.includes('node_modules/d3-') ||
              id.includes('node_modules/victory-vendor') || id.includes('node_modules/lodash')) {
            return 'charts';
          }
          if (id.includes('node_modules/@tanstack/react-table') ||
              id.includes('node_modules/@tanstack/react-virtual') ||
              id.includes('node_modules/@tanstack/table-core') ||
              id.includes('node_modules/@tanstack/virtual-core')) {
            return 'table';
          }
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler') ||
              id.includes('node_modules/@tanstack/query') || id.includes('node_modules/@tanstack/react-query') ||
              id.includes('node_modules/@remix-run')) {
            return 'vendor';
          }
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.MF_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // jsdom lays nothing out, so Recharts' ResponsiveContainer measures 0 x 0 and says so on
    // every chart render; that one message is dropped (the charts' states are tested without
    // a size; the browser tests check that drawn charts have paths).
    onConsoleLog: (log: string) => (/The width\(0\) and height\(0\) of chart/.test(log) ? false : undefined),
  },
});

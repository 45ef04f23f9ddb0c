import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The built site goes straight into the jar's classpath folder athena-ws-web/ (see pom.xml), with
// relative asset paths so it works under any mount point.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'target/classes/athena-ws-web',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev`: the page's default WebSocket URL is ws://<dev host>/dev, forwarded to the
    // local stack (examples/local) on port 8080, or to ATHENA_WS_DEV_TARGET (e.g. ws://127.0.0.1:9000).
    proxy: {
      '/dev': { target: process.env.ATHENA_WS_DEV_TARGET ?? 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});

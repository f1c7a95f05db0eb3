/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Java server (app-server) serves these files from the classpath folder
// "vectorflow-ui" at "/", falling back to index.html for unknown paths.
const OUT_DIR = 'target/classes/vectorflow-ui';

// Where `npm run dev` sends /api calls: a locally running VectorFlow server.
const API_TARGET = process.env.VECTORFLOW_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    // The lazily loaded editor chunk (canvas + CodeMirror) is about 600 kB before gzip, by design.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
    },
    watch: {
      ignored: ['**/target/**'],
    },
  },
  preview: {
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'e2e/**/*.test.mjs'],
  },
});

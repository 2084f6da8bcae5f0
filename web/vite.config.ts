// Vite builds the web app into dist/: index.html plus hashed files under dist/assets/, which the
// haldus binary embeds and serves. Nothing may be inlined into index.html: the server's
// Content-Security-Policy is `default-src 'self'`.
import { defineConfig } from 'vite';

// `npm run dev` proxies the API to a running `haldus serve` (HALDUS_URL, default :8080).
const target = process.env.HALDUS_URL || 'http://127.0.0.1:8080';

export default defineConfig({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: {
        outDir: 'dist',
        emptyOutDir: true,
        assetsDir: 'assets',
        assetsInlineLimit: 0, // no data: URLs (blocked by default-src 'self')
        modulePreload: { polyfill: false }, // no inline helper
        cssCodeSplit: false,
        sourcemap: false,
        target: 'es2020',
        reportCompressedSize: true,
    },
    server: {
        proxy: {
            '/api': { target, changeOrigin: false },
            '/healthz': { target },
        },
    },
});

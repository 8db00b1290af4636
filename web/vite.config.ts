import { fileURLToPath, URL } from 'node:url'

import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'

// Element Plus is imported on demand (components and their CSS per chunk), and every page is its own chunk,
// so the log-in page loads only what it uses: see docs/web.md for the measured size.
export default defineConfig({
  plugins: [
    vue(),
    // Only Element Plus's functions (ElMessage, ElMessageBox) are auto-imported; Vue's are imported explicitly.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: 'src/auto-imports.d.ts' }),
    Components({ resolvers: [ElementPlusResolver()], dts: 'src/components.d.ts', dirs: [] }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  define: {
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    target: 'es2020',
    // dist/.vite/manifest.json: scripts/login-size.mjs walks it to measure what the log-in page loads.
    manifest: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev` next to `danvan serve --listen 127.0.0.1:8080`.
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
})

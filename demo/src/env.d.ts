/** Set by demo/server.mjs: `offline` (embedded fake Pyas) or `live` (real Pyas). */
declare const __DEMO_MODE__: 'offline' | 'live'

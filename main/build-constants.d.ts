// Values electron.config.ts substitutes at build time (vite `define`).
declare const __TIDEMARK_VERSION__: string;

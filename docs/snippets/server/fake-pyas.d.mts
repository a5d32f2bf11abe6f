import type { Server } from 'node:http'

/** The offline fake Pyas's server, listening on `PORT` (default 8788). */
export const server: Server

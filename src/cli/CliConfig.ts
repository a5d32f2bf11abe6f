import type { ProviderId } from '../core/providers.js'

/** Everything `pyas-proxy` reads from its environment, validated. */
export interface CliConfig {
  apiKey: string
  /** `undefined` means Pyas itself. */
  baseUrl: string | undefined
  /** `undefined` means no origin check. */
  allowedOrigins: string[] | undefined
  /** `undefined` means all three. */
  providers: ProviderId[] | undefined
  /** Bounds Pyas's answer, the authorize call and each forward attempt. */
  timeoutMs: number
  /** `undefined` means the proxy's default. */
  maxBodyBytes: number | undefined
  host: string
  port: number
  /** Without a trailing slash; `''` when the proxy answers at the root. */
  mountPath: string
  /** `undefined` when no webhook secret is set: then there is no webhook route. */
  webhook: { path: string; secret: string } | undefined
  /** `undefined` means no session check: then there is no calendars route, and links cannot be made. */
  authorizeUrl: string | undefined
  /** Connect links (`PYAS_LINK_SECRET`, `PYAS_LINK_URL`); `undefined` when neither is set. */
  links: { secret: string; url: string } | undefined
  forward: { url: string; secret: string } | undefined
  /** Things worth telling the operator that do not stop the server. */
  warnings: string[]
}

/** A variable that is missing or invalid: the message names it and says what to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`)
  }
}

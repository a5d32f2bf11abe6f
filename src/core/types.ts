import type { ProviderId } from './providers.js'

/** A connected account, as Pyas returns it from `POST /{provider}/connect`. */
export interface PyasAccount {
  /** Pyas's id for the account. Save it: every later Pyas call needs it. */
  accountId: string
  /** The email of the connected calendar account. */
  email: string
  /** The name sent with the connect request. */
  name: string
  /** The provider the account belongs to. */
  provider: ProviderId
  /** Pyas's account status, e.g. `active`. */
  status: string
  /** The OAuth scopes the user granted. */
  scopes: string[]
}

/** What the proxy (and Pyas) answers to `GET /{provider}/oauth`. */
export interface OAuthUrlResponse {
  success: true
  url: string
}

/** What the proxy (and Pyas) answers to `POST /{provider}/connect`. */
export interface ConnectResponse {
  success: true
  data: { account: PyasAccount }
}

/** One validation error in Pyas's `400 {errors: [...]}` shape. */
export interface PyasValidationError {
  msg: string
  param: string
  location: string
  value?: unknown
}

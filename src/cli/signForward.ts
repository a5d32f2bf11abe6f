import { createHmac } from 'node:crypto'

/**
 * The `x-pyas-signature` header of a forwarded call: `t=<unix seconds>,v1=<hex>`, where the hex is
 * HMAC-SHA256 with the forward secret over `"<t>.<raw body>"`. The timestamp inside the signed text
 * lets a receiver refuse replays of old deliveries.
 */
export function signForward(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000)
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  return `t=${t},v1=${v1}`
}

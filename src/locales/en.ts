/** English, `@pyas/react/locales/en`: the library's default table, the same object as its fallback. */
export { en as messages } from '../core/messages.js'

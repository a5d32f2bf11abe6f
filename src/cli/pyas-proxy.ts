#!/usr/bin/env node
import { main } from './main.js'

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`pyas-proxy: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = 1
  },
)

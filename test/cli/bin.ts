import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { BIN } from './buildBin.js'

export const API_KEY = 'pyas_cli_test_key_0123456789'
export const WEBHOOK_SECRET = 'whsec_cli_0123456789abcdef'
export const FORWARD_SECRET = 'fwd_secret_0123456789abcdef'
export const LINK_SECRET = 'link_secret_cli_0123456789abcdef0123'

type Env = Record<string, string | undefined>

/** Only what the test gives (plus PATH): the bin must not see this machine's PYAS_* variables. */
function binEnv(env: Env): Record<string, string> {
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '' }
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value
  return clean
}

/** A finished run of the bin. */
export interface BinResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function collect(child: ChildProcess) {
  const output = { stdout: '', stderr: '' }
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk
  })
  return output
}

/** Runs the bin to completion (it must exit within `timeoutMs`). */
export async function runBin(
  env: Env,
  args: string[] = [],
  timeoutMs = 10_000,
): Promise<BinResult> {
  const child = spawn(process.execPath, [BIN, ...args], { env: binEnv(env) })
  const output = collect(child)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null]
  clearTimeout(timer)
  return { code, signal, ...output }
}

/** A running bin on 127.0.0.1 and a random port. */
export interface RunningBin {
  url: string
  child: ChildProcess
  /** Request log lines so far (stdout), parsed. */
  requests(): Record<string, unknown>[]
  /** Everything on stderr so far, one parsed JSON object per line. */
  diagnostics(): Record<string, unknown>[]
  stdout(): string
  stderr(): string
  /** Waits until `predicate` holds for the output (polls), or fails after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>
  /** Sends `signal` (default SIGTERM) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

function lines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

const running = new Set<ChildProcess>()

/** Starts the bin with `env` (HOST=127.0.0.1, PORT=0 unless given) and waits until it listens. */
export async function startBin(env: Env, args: string[] = []): Promise<RunningBin> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: binEnv({ HOST: '127.0.0.1', PORT: '0', ...env }),
  })
  running.add(child)
  const exited = once(child, 'close').then(([code]) => {
    running.delete(child)
    return code as number | null
  })
  const output = collect(child)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening:\n${output.stderr}`)), 10_000)
    const onData = () => {
      const match = /"msg":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output.stderr)
      if (match?.[1]) {
        clearTimeout(timer)
        child.stderr?.off('data', onData)
        resolve(match[1])
      }
    }
    child.stderr?.on('data', onData)
    exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`exited ${code} before listening:\n${output.stderr}`))
    })
  })
  return {
    url,
    child,
    requests: () => lines(output.stdout),
    diagnostics: () => lines(output.stderr),
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs
      while (!predicate()) {
        if (Date.now() > deadline) {
          throw new Error(`timed out; stdout:\n${output.stdout}\nstderr:\n${output.stderr}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** Kills every bin a test left running (an afterAll safety net). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
}

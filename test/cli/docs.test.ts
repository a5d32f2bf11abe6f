// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FAKE_CONSENT_SEGMENT, FAKE_VARIABLES } from '../../src/cli/fake.js'
import { VARIABLES } from '../../src/cli/readConfig.js'

const page = (name: string) =>
  readFileSync(new URL(`../../docs/guide/${name}.md`, import.meta.url), 'utf8')
const BIN = page('pyas-proxy')
const PRODUCTION = page('production')
/** A section of a page: from its heading to the next one of the same level. */
const section = (source: string, heading: string) => {
  const start = source.indexOf(`\n## ${heading}\n`)
  expect(start, heading).toBeGreaterThan(-1)
  const end = source.indexOf('\n## ', start + 1)
  return source.slice(start, end === -1 ? undefined : end)
}

describe('the pyas-proxy docs pages', () => {
  it('should show the Python receiver from the file the forward check runs', () => {
    expect(section(BIN, 'Forwarded calls')).toContain('\n@snippet(examples/forward_receiver.py)\n')
  })

  it('should document every variable the bin reads', () => {
    const table = section(BIN, 'Variables')
    for (const name of VARIABLES) expect(table).toContain(`\`${name}\``)
  })

  it('should document --fake: its variable, its consent path and its production refusal', () => {
    const fake = section(BIN, 'Offline: `--fake`')
    expect(fake).toContain('npx -p @pyas/react pyas-proxy --fake')
    for (const name of FAKE_VARIABLES) expect(fake).toContain(`\`${name}\``)
    expect(fake).toContain(`\`{PYAS_MOUNT_PATH}${FAKE_CONSENT_SEGMENT}/consent\``)
    expect(fake).toContain('`NODE_ENV=production` (exit 2)')
  })

  it('should show how to run it: npx, nginx, systemd, a container and the health check', () => {
    expect(BIN).toContain('npx -p @pyas/react pyas-proxy')
    expect(section(PRODUCTION, 'Behind nginx')).toContain('```nginx\nlocation /api/pyas/ {')
    expect(section(PRODUCTION, 'As a systemd service')).toContain(
      '```ini\n# /etc/systemd/system/pyas-proxy.service',
    )
    expect(section(PRODUCTION, 'In a container')).toMatch(/docker run .*\\\n[\s\S]*pyas-proxy\n/)
    expect(section(PRODUCTION, 'Health checks')).toContain('`GET /healthz`')
    expect(section(PRODUCTION, 'Several instances')).toContain('`PYAS_LINK_SECRET`')
  })
})

// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FAKE_CONSENT_SEGMENT, FAKE_VARIABLES } from '../../src/cli/fake.js'
import { VARIABLES } from '../../src/cli/readConfig.js'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const section = README.slice(README.indexOf('## Any backend'), README.indexOf('## Testing your'))

describe('README "Any backend" section', () => {
  it('should show the Python receiver exactly as the tested file', () => {
    const receiver = readFileSync(
      new URL('../../examples/forward_receiver.py', import.meta.url),
      'utf8',
    )
    expect(section).toContain(`\`\`\`python\n${receiver}\`\`\``)
  })

  it('should document every variable the bin reads', () => {
    const table = section.slice(section.indexOf('### Variables'), section.indexOf('### What it'))
    for (const name of VARIABLES) expect(table).toContain(`\`${name}\``)
  })

  it('should document --fake: its variable, its consent path and its production refusal', () => {
    const fake = section.slice(
      section.indexOf('### Offline: `--fake`'),
      section.indexOf('### Variables'),
    )
    expect(fake).toContain('npx -p @pyas/react pyas-proxy --fake')
    for (const name of FAKE_VARIABLES) expect(fake).toContain(`\`${name}\``)
    expect(fake).toContain(`\`{PYAS_MOUNT_PATH}${FAKE_CONSENT_SEGMENT}/consent\``)
    expect(fake).toContain('`NODE_ENV=production` (exit 2)')
  })

  it('should show how to run it: npx, nginx, systemd and a container', () => {
    expect(section).toContain('npx -p @pyas/react pyas-proxy')
    expect(section).toContain('```nginx\nlocation /api/pyas/ {')
    expect(section).toContain('```ini\n# /etc/systemd/system/pyas-proxy.service')
    expect(section).toMatch(/docker run .*\\\n[\s\S]*pyas-proxy\n/)
  })
})

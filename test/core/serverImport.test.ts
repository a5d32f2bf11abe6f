// @vitest-environment node
import { describe, expect, it } from 'vitest'

describe('src/core without a browser', () => {
  it('should import every module without touching window', async () => {
    expect(typeof window).toBe('undefined')
    const modules = await Promise.all([
      import('../../src/core/account.js'),
      import('../../src/core/attempts.js'),
      import('../../src/core/returnPath.js'),
      import('../../src/core/client.js'),
      import('../../src/core/connectFlow.js'),
      import('../../src/core/callbackUrl.js'),
      import('../../src/core/connectReducer.js'),
      import('../../src/core/env.js'),
      import('../../src/core/errorFromResponse.js'),
      import('../../src/core/returnPath.js'),
      import('../../src/core/PyasConnectError.js'),
      import('../../src/core/proxyClient.js'),
      import('../../src/core/providers.js'),
      import('../../src/core/types.js'),
      import('../../src/core/validateConnect.js'),
      import('../../src/core/withPrompt.js'),
    ])
    expect(modules).toHaveLength(16)
  })

  it('should report no DOM and no callback during server rendering', async () => {
    const { canUseDOM } = await import('../../src/core/env.js')
    const { readCallback } = await import('../../src/core/callbackUrl.js')
    expect(canUseDOM()).toBe(false)
    expect(readCallback()).toBeNull()
  })
})

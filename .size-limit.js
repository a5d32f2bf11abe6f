// The size guard (`npm run size`, after `npm run build`): esbuild, minified, gzip, peers external,
// as a customer's bundler would. The return path (reading the callback, the exchange, the popup's
// hand-off and the delivery) is a dynamic `import()` that a page loads only when it carries a
// `pyas_` return or opens a popup: the first three figures are what every page loads, the last is
// that chunk (with the modules it shares with the entry, so an upper bound). Each limit is the
// measured size plus about 10 B: a change that adds to a page's first load has to say so here.
const PEERS = ['react', 'react-dom', '@tanstack/react-query']

/**
 * Leaves every dynamic `import()` unbundled, as a code-splitting bundler does: what a page loads
 * first is what the entry reaches statically.
 */
const returnPathOnDemand = {
  name: 'on-demand-chunks',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    )
  },
}

const firstLoad = (check) => ({
  path: 'dist/index.js',
  ignore: PEERS,
  gzip: true,
  modifyEsbuildConfig(config) {
    config.plugins = [...(config.plugins ?? []), returnPathOnDemand]
    return config
  },
  ...check,
})

export default [
  firstLoad({
    name: 'browser entry without PyasConnectDialog',
    import:
      '{ ConnectButton, ConnectGoogleButton, ConnectOutlookButton, ConnectZoomButton, PyasConnectError, PyasProvider, usePyasCallback, usePyasConnect }',
    limit: '8170 B',
  }),
  firstLoad({
    name: 'PyasProvider + ConnectGoogleButton',
    import: '{ PyasProvider, ConnectGoogleButton }',
    limit: '7835 B',
  }),
  firstLoad({
    name: 'whole browser entry (with PyasConnectDialog)',
    import: '*',
    limit: '12485 B',
  }),
  firstLoad({
    name: 'PyasProvider + PyasCalendarPicker',
    import: '{ PyasProvider, PyasCalendarPicker }',
    limit: '4930 B',
  }),
  {
    name: 'return path (loaded on a return or a popup)',
    path: 'dist/core/returnPath.js',
    import: '*',
    ignore: PEERS,
    gzip: true,
    limit: '6060 B',
  },
]

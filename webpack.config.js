/* eslint-disable @typescript-eslint/no-require-imports */
// Builds the task pane, the ribbon commands, the analysis worker (a chunk created by
// `new Worker(new URL(...), import.meta.url)` in the pane) and the standalone demo page.
// `webpack serve` runs on https://localhost:3000 with office-addin-dev-certs' certificate when it exists
// (what `npm start` sideloads); `--env demo` serves plain http for the demo page, no certificate needed.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { DefinePlugin } = require('webpack');

const PORT = 3000;

/** office-addin-dev-certs writes these on the user's machine (`npx office-addin-dev-certs install`). */
function devCerts() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  const found = {};
  for (const [k, name] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return null;
    found[k] = fs.readFileSync(file);
  }
  return found;
}

// office.js and the Excel host scripts it loads at run time, served from our own origin (never a CDN in
// dev or tests). Other hosts' scripts and debug builds are left out to keep dist/ small.
const OFFICE_JS_IGNORE = [
  '**/*.debug.js',
  // Loaded only when no Office host is detected (a plain browser, Office 2013, dialogs): it opens a
  // telemetry frame to Microsoft after 3 s. Our pages outside Office fall back to the simulator instead.
  '**/o15apptofilemappingtable.js',
  '**/*vsdoc*',
  '**/*.d.ts',
  '**/access-*',
  '**/onenote-*',
  '**/outlook*',
  '**/powerpoint*',
  '**/project-*',
  '**/word*',
];

/** The sample exports the demo page can load, the zh orders first (the generator lives in samples/). */
function sampleFiles() {
  const dir = path.join(__dirname, 'samples');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.csv$/i.test(f)) : [];
  const rank = (f) => (f === 'orders-zh.csv' ? 0 : /zh/.test(f) ? 1 : 2);
  return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const demo = Boolean(env.demo);
  const certs = demo ? null : devCerts();
  if (argv.mode === 'development' && process.argv.includes('serve')) {
    if (demo) console.log(`\nDemo page: http://localhost:${PORT}/demo.html\n`);
    else if (!certs)
      console.log(
        `\nNote: no certificate in ~/.office-addin-dev-certs, serving plain http on port ${PORT}.` +
          '\nExcel needs https: run `npx office-addin-dev-certs install` (or `npm start`) first.\n',
      );
  }

  const page = (name, template, chunks) =>
    new HtmlWebpackPlugin({ filename: `${name}.html`, template, chunks, scriptLoading: 'defer' });

  return {
    mode: dev ? 'development' : 'production',
    // No eval-based source maps: the pages' Content-Security-Policy has no 'unsafe-eval'.
    devtool: dev ? 'cheap-module-source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      demo: './src/demo/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
      // The simulator's xlsx import/export may reference Node modules behind a browser check.
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new DefinePlugin({ __SAMPLES__: JSON.stringify(sampleFiles()) }),
      page('taskpane', './src/taskpane/taskpane.html', ['taskpane']),
      page('commands', './src/commands/commands.html', ['commands']),
      page('demo', './src/demo/demo.html', ['demo']),
      page('help', './src/taskpane/help.html', []),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'node_modules/@microsoft/office-js/dist',
            to: 'office-js',
            globOptions: { ignore: OFFICE_JS_IGNORE },
            // Already minified: `minimized` keeps Terser off 13 MB of vendor files (minutes on this machine).
            info: { minimized: true },
          },
          { from: 'samples/*.csv', to: 'samples/[name][ext]', noErrorOnMissing: true },
        ],
      }),
    ],
    devServer: {
      port: PORT,
      host: 'localhost',
      hot: false,
      liveReload: true,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: certs ? { type: 'https', options: certs } : { type: 'http' },
      client: { overlay: { warnings: false, errors: true } },
      static: false,
      open: false,
    },
  };
};

#!/usr/bin/env node
// The `news-lens` command (package.json "bin"): the bundled CLI, server/out/cli.js (built by `npm run build`).
require('../server/out/cli.js').run(process.argv.slice(2));

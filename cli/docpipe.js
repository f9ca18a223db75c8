#!/usr/bin/env node
// Entry point of the `docpipe` command: runs the compiled CLI (built by `npm install` / `npm run build`).
require('../dist/cli/main.js');

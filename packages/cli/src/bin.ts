#!/usr/bin/env node
import { processIO } from './io.js';
import { runCli } from './main.js';

runCli(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const io = processIo();
process.exitCode = await runCli(process.argv.slice(2), io);

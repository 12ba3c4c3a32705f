#!/usr/bin/env node
// Entry point of the `crosscheck` command. The CLI and user workflow files are TypeScript:
// tsx's loader lets Node import them directly.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);

#!/usr/bin/env node
// The CLI is TypeScript run through tsx's require hook, so `npx credanchor` works right after `npm install`.
require("tsx/cjs");
require("./main.ts");

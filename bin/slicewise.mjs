#!/usr/bin/env node
console.log("stub ok", process.argv.slice(2));

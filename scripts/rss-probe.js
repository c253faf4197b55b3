// Preloaded by `npm run bench` into each measured node process: reports its peak resident memory.
process.on("exit", () => process.stderr.write(`\nmaxrss-kb=${process.resourceUsage().maxRSS}\n`));

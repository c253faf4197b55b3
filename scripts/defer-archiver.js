// cdktf's index loads archiver, which zips assets, at start: about a twentieth of a synth. The
// platform has no asset, so the real module loads only if cdktf ever zips something.
const Module = require("node:module");
const path = require("node:path");

module.exports = function deferArchiver() {
  const file = require.resolve("archiver", { paths: [path.dirname(require.resolve("cdktf/package.json"))] });
  if (require.cache[file]) return;
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = (...args) => {
    delete require.cache[file];
    return require(file)(...args);
  };
  require.cache[file] = stub;
};

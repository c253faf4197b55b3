// cdktf's jest matchers alone: `require("cdktf")` would load all of cdktf (asset archiving included)
// into every suite, also those that never synthesize.
require("cdktf/lib/testing/adapters/jest").setupJest();
// Under jest, cdktf's per-token stack captures are a third of a tier test's time.
require("./scripts/token-traces")();

#!/usr/bin/env bash
# Usage: aws-ci-profile.sh <environment> <plan|apply>
# Writes the AWS profile "ci" that the environment stack's provider uses when TF_VAR_account_profile=ci:
# it assumes <project>-<environment>-ci-<role> (the ci-<environment> stack) in the environment's
# account, from the CI account credentials configure-aws-credentials put in the environment. The
# S3 backend keeps using those credentials directly: the state stays in the CI account.
set -euo pipefail
environment="$1"
role="$2"
stack="cdktf.out/stacks/${environment}/cdk.tf.json"
account=$(jq -r '.provider.aws[0].allowed_account_ids[0]' "$stack")
project=$(jq -r '.provider.aws[0].default_tags[0].tags.Project' "$stack")
mkdir -p "$HOME/.aws"
cat > "$HOME/.aws/config" <<CONFIG
[profile ci]
role_arn = arn:aws:iam::${account}:role/${project}-${environment}-ci-${role}
credential_source = Environment
role_session_name = ${role}-${environment}-${GITHUB_RUN_ID:-local}
duration_seconds = 3600
CONFIG
echo "AWS profile ci: ${project}-${environment}-ci-${role} in ${account}"

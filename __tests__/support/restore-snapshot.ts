import { DATABASE_ENGINES } from "../../src/config/database-engines";

/**
 * An AWS Backup snapshot ARN the environment's database engine restores from (an instance
 * `snapshot`, or a `cluster-snapshot` on Aurora), in `region`: what database.restore takes.
 */
export function restoreSnapshotArn(env: { accountId: string; database: { engine: keyof typeof DATABASE_ENGINES } }, region: string): string {
  return `arn:aws:rds:${region}:${env.accountId}:${DATABASE_ENGINES[env.database.engine].snapshotKinds[0]}:awsbackup:job-0123abcd-4567-89ef-0123-456789abcdef`;
}

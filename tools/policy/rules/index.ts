/** The platform's policy pack: every rule, in report order. */
import { Rule } from "../rule";
import { NP_ACC_1 } from "./np-acc-1";
import { NP_BAK_1 } from "./np-bak-1";
import { NP_BAK_2 } from "./np-bak-2";
import { NP_BAK_3 } from "./np-bak-3";
import { NP_CW_1 } from "./np-cw-1";
import { NP_CW_2 } from "./np-cw-2";
import { NP_CW_3 } from "./np-cw-3";
import { NP_DATA_1 } from "./np-data-1";
import { NP_DATA_2 } from "./np-data-2";
import { NP_IAM_1 } from "./np-iam-1";
import { NP_KMS_1 } from "./np-kms-1";
import { NP_KMS_2 } from "./np-kms-2";
import { NP_LOG_1 } from "./np-log-1";
import { NP_LOG_2 } from "./np-log-2";
import { NP_S3_1 } from "./np-s3-1";
import { NP_S3_2 } from "./np-s3-2";
import { NP_S3_3 } from "./np-s3-3";
import { NP_SEC_1 } from "./np-sec-1";
import { NP_SNS_1 } from "./np-sns-1";
import { NP_SNS_2 } from "./np-sns-2";
import { NP_WAF_1 } from "./np-waf-1";

export const RULES: readonly Rule[] = [
  NP_KMS_1,
  NP_KMS_2,
  NP_S3_1,
  NP_S3_2,
  NP_S3_3,
  NP_SNS_1,
  NP_SNS_2,
  NP_LOG_1,
  NP_LOG_2,
  NP_DATA_1,
  NP_DATA_2,
  NP_IAM_1,
  NP_SEC_1,
  NP_CW_1,
  NP_CW_2,
  NP_CW_3,
  NP_WAF_1,
  NP_BAK_1,
  NP_BAK_2,
  NP_BAK_3,
  NP_ACC_1,
];

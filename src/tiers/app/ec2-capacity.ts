import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { ECS_RESERVED_MEMORY_MIB } from "../../config/instance-types";
import { Naming } from "../../naming";

/** The ECS-optimized Amazon Linux 2023 AMI, by architecture (AWS publishes its id in these SSM parameters). */
export const ECS_AMI_PARAMETERS = {
  X86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
  ARM64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
} as const;

/** The only managed policies the hosts get: the ECS agent's, and Session Manager instead of SSH. */
export const HOST_POLICIES = [
  "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
] as const;

export interface Ec2CapacityProps {
  readonly naming: Naming;
  /** The cluster the hosts join. */
  readonly cluster: EcsCluster;
  readonly vpc: Vpc;
  /** Private subnets, one per AZ: the hosts get no public address. */
  readonly subnets: Subnet[];
  /** Instance types the group may launch, all of `cpuArchitecture`. */
  readonly instanceTypes: string[];
  readonly cpuArchitecture: "X86_64" | "ARM64";
  readonly minHosts: number;
  readonly maxHosts: number;
  /** Hosts always on-demand. */
  readonly onDemandBase: number;
  /** Share (%) of hosts above the base that are on-demand; the rest are Spot. */
  readonly onDemandPercentAboveBase: number;
  readonly spotAllocationStrategy: string;
  /** How full (%) managed scaling keeps the hosts. */
  readonly targetCapacityPercent: number;
  /**
   * Root volume size; the ECS-optimized AMI's snapshot is 30 GiB, images and layers live there.
   * @default 30
   */
  readonly rootVolumeGiB?: number;
}

/**
 * EC2 capacity for the cluster: hardened hosts (ECS-optimized AMI from SSM, IMDSv2 only, encrypted
 * root volume, no public address, no SSH: Session Manager) in an Auto Scaling group of mixed
 * on-demand and Spot instances across the private subnets, behind an ECS capacity provider with
 * managed scaling, draining and termination protection. The service names `capacityProviderName`
 * in its strategy; the cluster must list it among its capacity providers.
 */
export class Ec2Capacity extends Construct {
  public readonly capacityProvider: EcsCapacityProvider;
  /** The provider's name, for the cluster's providers and the service's strategy. */
  public readonly capacityProviderName: string;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly launchTemplate: LaunchTemplate;
  /** The hosts' own security group: no ingress (tasks in awsvpc mode have their own ENIs and groups). */
  public readonly securityGroup: SecurityGroup;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: Ec2CapacityProps) {
    super(scope, id);
    const { naming } = props;
    const name = naming.name("ecsName", "app-hosts");

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "role", { name: naming.name("iamRole", "ecs-host"), assumeRolePolicy: trust.json });
    const attachments = HOST_POLICIES.map((policyArn, i) => new IamRolePolicyAttachment(this, `policy-${i}`, { role: this.role.name, policyArn }));
    const profile = new IamInstanceProfile(this, "profile", { name: naming.name("iamRole", "ecs-host"), role: this.role.name });

    this.securityGroup = new SecurityGroup(this, "security-group", {
      namePrefix: naming.namePrefix("securityGroup", "app-hosts"),
      description: "ECS hosts: the agent reaches ECS, ECR and SSM over HTTPS; nothing reaches them",
      vpcId: props.vpc.id,
      // The launch template holds it: the new group must exist before the old one goes.
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupEgressRule(this, "egress-https", {
      securityGroupId: this.securityGroup.id,
      description: "HTTPS to the AWS APIs (through the NAT or the VPC endpoints)",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });

    const ami = new DataAwsSsmParameter(this, "ami", { name: ECS_AMI_PARAMETERS[props.cpuArchitecture] });
    // The agent's settings: the cluster to join, task roles, no IMDS for awsvpc tasks (they use
    // their task role, not the host's), memory kept back for the agent and OS, Spot draining.
    const ecsConfig = [
      `ECS_CLUSTER=${props.cluster.name}`,
      "ECS_ENABLE_TASK_IAM_ROLE=true",
      "ECS_AWSVPC_BLOCK_IMDS=true",
      `ECS_RESERVED_MEMORY=${ECS_RESERVED_MEMORY_MIB}`,
      "ECS_ENABLE_SPOT_INSTANCE_DRAINING=true",
      "ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM=ec2_instance",
    ];
    const userData = ["#!/bin/bash", "cat >> /etc/ecs/ecs.config <<'EOF'", ...ecsConfig, "EOF", ""].join("\n");

    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name,
      description: "ECS hosts of the app",
      imageId: ami.value,
      iamInstanceProfile: { arn: profile.arn },
      updateDefaultVersion: true,
      // IMDSv2 only; one hop: the host's own agent reaches it, containers do not.
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: props.rootVolumeGiB ?? 30, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: [this.securityGroup.id], deleteOnTermination: "true" }],
      monitoring: { enabled: true },
      userData: Fn.base64encode(userData),
      tagSpecifications: [
        { resourceType: "instance", tags: { Name: name } },
        { resourceType: "volume", tags: { Name: name } },
      ],
      dependsOn: attachments,
    });

    this.autoScalingGroup = new AutoscalingGroup(this, "group", {
      name,
      minSize: props.minHosts,
      maxSize: props.maxHosts,
      vpcZoneIdentifier: props.subnets.map((s) => s.id),
      // Managed termination protection: ECS lifts it only from hosts without tasks.
      protectFromScaleIn: true,
      capacityRebalance: true,
      healthCheckType: "EC2",
      defaultInstanceWarmup: 120,
      mixedInstancesPolicy: {
        launchTemplate: {
          launchTemplateSpecification: { launchTemplateId: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
          override: props.instanceTypes.map((instanceType) => ({ instanceType })),
        },
        instancesDistribution: {
          onDemandBaseCapacity: props.onDemandBase,
          onDemandPercentageAboveBaseCapacity: props.onDemandPercentAboveBase,
          onDemandAllocationStrategy: "prioritized",
          spotAllocationStrategy: props.spotAllocationStrategy,
        },
      },
      // ECS tags the group it manages; declaring the tag keeps Terraform from removing it.
      tag: [{ key: "AmazonECSManaged", value: "true", propagateAtLaunch: true }],
      // Managed scaling owns the host count.
      lifecycle: { ignoreChanges: ["desired_capacity"] },
    });

    this.capacityProvider = new EcsCapacityProvider(this, "provider", {
      name,
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedTerminationProtection: "ENABLED",
        managedDraining: "ENABLED",
        managedScaling: {
          status: "ENABLED",
          targetCapacity: props.targetCapacityPercent,
          minimumScalingStepSize: 1,
          maximumScalingStepSize: Math.max(1, Math.min(10, props.maxHosts)),
          instanceWarmupPeriod: 120,
        },
      },
    });
    this.capacityProviderName = this.capacityProvider.name;
  }
}

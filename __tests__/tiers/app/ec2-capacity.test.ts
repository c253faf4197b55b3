import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { resources, synth } from "../../helpers";
import { HOST_POLICIES } from "../../../src/tiers/app/ec2-capacity";
import { buildCapacity } from "./app-fixtures";

describe("Ec2Capacity", () => {
  const json = synth((scope) => buildCapacity(scope));
  const template = () => resources(json, "aws_launch_template")[0];
  const userData = () => /^\$\{base64encode\("(.*)"\)\}$/s.exec(template().user_data)![1].replace(/\\n/g, "\n");

  it("looks the ECS-optimized AMI up by SSM parameter, for the architecture", () => {
    expect(json).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id" });
    const x86 = synth((scope) => buildCapacity(scope, { cpuArchitecture: "X86_64", instanceTypes: ["t3.small"] }));
    expect(x86).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id" });
    expect(template().image_id).toMatch(/data\.aws_ssm_parameter\.hosts_ami_[0-9A-F]+\.value/);
  });

  it("allows IMDSv2 only, one hop", () => {
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1, instance_metadata_tags: "disabled" },
    });
  });

  it("encrypts the root volume", () => {
    expect(template().block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_size: 30, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
    ]);
  });

  it("gives the hosts no public address", () => {
    expect(template().network_interfaces[0]).toMatchObject({ associate_public_ip_address: "false", device_index: 0 });
  });

  it("joins the cluster with task roles on and IMDS closed to awsvpc tasks", () => {
    expect(userData()).toContain("ECS_CLUSTER=${aws_ecs_cluster.cluster.name}");
    expect(userData()).toContain("ECS_ENABLE_TASK_IAM_ROLE=true");
    expect(userData()).toContain("ECS_AWSVPC_BLOCK_IMDS=true");
    expect(userData()).toContain("ECS_RESERVED_MEMORY=256");
  });

  it("gives the hosts only the agent's policy and Session Manager's", () => {
    expect(resources(json, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toEqual([...HOST_POLICIES]);
    expect(resources(json, "aws_iam_role_policy")).toHaveLength(0);
  });

  it("admits nothing to the hosts and lets them out on HTTPS only", () => {
    expect(resources(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(0);
    expect(resources(json, "aws_vpc_security_group_egress_rule").map((r) => [r.ip_protocol, r.from_port, r.to_port])).toEqual([["tcp", 443, 443]]);
  });

  it("mixes on-demand and Spot across the private subnets", () => {
    expect(json).toHaveResourceWithProperties(AutoscalingGroup, {
      min_size: 1,
      max_size: 2,
      vpc_zone_identifier: [expect.stringMatching(/aws_subnet\.private-0/), expect.stringMatching(/aws_subnet\.private-1/)],
      mixed_instances_policy: {
        launch_template: {
          launch_template_specification: { launch_template_id: expect.stringMatching(/aws_launch_template/), version: expect.stringMatching(/latest_version/) },
          override: [{ instance_type: "t4g.small" }],
        },
        instances_distribution: {
          on_demand_base_capacity: 0,
          on_demand_percentage_above_base_capacity: 0,
          on_demand_allocation_strategy: "prioritized",
          spot_allocation_strategy: "price-capacity-optimized",
        },
      },
    });
  });

  it("protects hosts from scale-in, for managed termination protection", () => {
    expect(json).toHaveResourceWithProperties(AutoscalingGroup, { protect_from_scale_in: true, lifecycle: { ignore_changes: ["desired_capacity"] } });
  });

  it("puts the group behind a capacity provider with managed scaling and termination protection", () => {
    expect(json).toHaveResourceWithProperties(EcsCapacityProvider, {
      name: "notes-dev-app-hosts",
      auto_scaling_group_provider: {
        auto_scaling_group_arn: expect.stringMatching(/aws_autoscaling_group\.hosts_group_[0-9A-F]+\.arn/),
        managed_termination_protection: "ENABLED",
        managed_draining: "ENABLED",
        managed_scaling: { status: "ENABLED", target_capacity: 100, minimum_scaling_step_size: 1, maximum_scaling_step_size: 2, instance_warmup_period: 120 },
      },
    });
  });

  it("exposes the capacity provider's name for the cluster and the service's strategy", () => {
    const wired = synth((scope) => {
      const hosts = buildCapacity(scope);
      new EcsClusterCapacityProviders(scope, "providers", { clusterName: "notes-dev-app", capacityProviders: ["FARGATE", hosts.capacityProviderName] });
    });
    expect(resources(wired, "aws_ecs_cluster_capacity_providers")[0].capacity_providers).toEqual([
      "FARGATE",
      expect.stringMatching(/^\$\{aws_ecs_capacity_provider\.hosts_provider_[0-9A-F]+\.name\}$/),
    ]);
  });
});

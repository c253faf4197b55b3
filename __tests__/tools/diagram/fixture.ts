/**
 * A small synthesized stack for the diagram tests: a VPC with public, private and isolated subnets
 * in two AZs, a load balancer, a service and its tasks, a database, NAT and internet gateways, and a
 * backup vault in a DR region. `names` renames every logical id, as a construct restructuring would.
 */
export function smallStack(names: (id: string) => string = (id) => id): any {
  const ref = (type: string, id: string, attribute: string) => `\${${type}.${names(id)}.${attribute}}`;
  const subnet = (tier: string, az: number, cidr: string) => ({
    vpc_id: ref("aws_vpc", "vpc", "id"),
    cidr_block: cidr,
    availability_zone: `eu-central-1${"ab"[az]}`,
    tags: { Name: `shop-prod-${tier}-${az}`, Tier: tier },
  });
  const resources: Record<string, Record<string, any>> = {
    aws_vpc: { vpc: { cidr_block: "10.0.0.0/16" } },
    aws_subnet: {
      "public-0": subnet("public", 0, "10.0.0.0/24"),
      "public-1": subnet("public", 1, "10.0.1.0/24"),
      "private-0": subnet("private", 0, "10.0.16.0/20"),
      "private-1": subnet("private", 1, "10.0.32.0/20"),
      "isolated-0": subnet("isolated", 0, "10.0.2.0/24"),
      "isolated-1": subnet("isolated", 1, "10.0.3.0/24"),
    },
    aws_internet_gateway: { igw: { vpc_id: ref("aws_vpc", "vpc", "id") } },
    aws_eip: { "nat-eip": { domain: "vpc" } },
    aws_nat_gateway: { nat: { allocation_id: ref("aws_eip", "nat-eip", "allocation_id"), subnet_id: ref("aws_subnet", "public-0", "id") } },
    aws_route_table: { "public-rt": { vpc_id: ref("aws_vpc", "vpc", "id") }, "private-rt": { vpc_id: ref("aws_vpc", "vpc", "id") } },
    aws_route: {
      "public-default": {
        route_table_id: ref("aws_route_table", "public-rt", "id"),
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: ref("aws_internet_gateway", "igw", "id"),
      },
      "private-default": {
        route_table_id: ref("aws_route_table", "private-rt", "id"),
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: ref("aws_nat_gateway", "nat", "id"),
      },
    },
    aws_route_table_association: {
      "public-0": { route_table_id: ref("aws_route_table", "public-rt", "id"), subnet_id: ref("aws_subnet", "public-0", "id") },
      "public-1": { route_table_id: ref("aws_route_table", "public-rt", "id"), subnet_id: ref("aws_subnet", "public-1", "id") },
      "private-0": { route_table_id: ref("aws_route_table", "private-rt", "id"), subnet_id: ref("aws_subnet", "private-0", "id") },
      "private-1": { route_table_id: ref("aws_route_table", "private-rt", "id"), subnet_id: ref("aws_subnet", "private-1", "id") },
    },
    aws_security_group: {
      "alb-sg": { name: "shop-prod-alb", vpc_id: ref("aws_vpc", "vpc", "id") },
      "app-sg": { name: "shop-prod-app", vpc_id: ref("aws_vpc", "vpc", "id") },
      "db-sg": { name: "shop-prod-db", vpc_id: ref("aws_vpc", "vpc", "id") },
    },
    aws_vpc_security_group_ingress_rule: {
      "alb-https": { security_group_id: ref("aws_security_group", "alb-sg", "id"), cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443, ip_protocol: "tcp" },
      "app-from-alb": {
        security_group_id: ref("aws_security_group", "app-sg", "id"),
        referenced_security_group_id: ref("aws_security_group", "alb-sg", "id"),
        from_port: 9000,
        to_port: 9000,
        ip_protocol: "tcp",
      },
      "db-from-app": {
        security_group_id: ref("aws_security_group", "db-sg", "id"),
        referenced_security_group_id: ref("aws_security_group", "app-sg", "id"),
        from_port: 5432,
        to_port: 5432,
        ip_protocol: "tcp",
      },
    },
    aws_vpc_security_group_egress_rule: {
      "alb-to-app": {
        security_group_id: ref("aws_security_group", "alb-sg", "id"),
        referenced_security_group_id: ref("aws_security_group", "app-sg", "id"),
        from_port: 9000,
        to_port: 9000,
        ip_protocol: "tcp",
      },
      "app-to-db": {
        security_group_id: ref("aws_security_group", "app-sg", "id"),
        cidr_ipv4: ref("aws_subnet", "isolated-0", "cidr_block"),
        from_port: 5432,
        to_port: 5432,
        ip_protocol: "tcp",
      },
      "app-to-db-1": {
        security_group_id: ref("aws_security_group", "app-sg", "id"),
        cidr_ipv4: ref("aws_subnet", "isolated-1", "cidr_block"),
        from_port: 5432,
        to_port: 5432,
        ip_protocol: "tcp",
      },
      "app-https": { security_group_id: ref("aws_security_group", "app-sg", "id"), cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443, ip_protocol: "tcp" },
    },
    aws_lb: {
      alb: {
        name: "shop-prod-alb",
        load_balancer_type: "application",
        security_groups: [ref("aws_security_group", "alb-sg", "id")],
        subnets: [ref("aws_subnet", "public-0", "id"), ref("aws_subnet", "public-1", "id")],
      },
    },
    aws_lb_target_group: { tg: { name: "shop-prod-app", port: 9000, protocol: "HTTP", vpc_id: ref("aws_vpc", "vpc", "id") } },
    aws_lb_listener: {
      https: {
        load_balancer_arn: ref("aws_lb", "alb", "arn"),
        port: 443,
        protocol: "HTTPS",
        default_action: [{ type: "forward", target_group_arn: ref("aws_lb_target_group", "tg", "arn") }],
      },
    },
    aws_ecs_cluster: { cluster: { name: "shop-prod" } },
    aws_ecs_task_definition: {
      task: {
        family: "shop-prod-app",
        cpu: "512",
        memory: "1024",
        container_definitions: JSON.stringify([{ name: "app", image: "app:1", portMappings: [{ containerPort: 9000 }] }]),
      },
    },
    aws_ecs_service: {
      service: {
        name: "shop-prod-app",
        cluster: ref("aws_ecs_cluster", "cluster", "arn"),
        task_definition: ref("aws_ecs_task_definition", "task", "arn"),
        desired_count: 2,
        launch_type: "FARGATE",
        load_balancer: [{ target_group_arn: ref("aws_lb_target_group", "tg", "arn"), container_name: "app", container_port: 9000 }],
        network_configuration: {
          security_groups: [ref("aws_security_group", "app-sg", "id")],
          subnets: [ref("aws_subnet", "private-0", "id"), ref("aws_subnet", "private-1", "id")],
        },
      },
    },
    aws_db_subnet_group: { "db-subnets": { name: "shop-prod-db", subnet_ids: [ref("aws_subnet", "isolated-0", "id"), ref("aws_subnet", "isolated-1", "id")] } },
    aws_db_instance: {
      db: {
        identifier: "shop-prod-db",
        engine: "postgres",
        engine_version: "16",
        instance_class: "db.t4g.small",
        multi_az: true,
        db_subnet_group_name: ref("aws_db_subnet_group", "db-subnets", "name"),
        vpc_security_group_ids: [ref("aws_security_group", "db-sg", "id")],
      },
    },
    aws_backup_vault: { vault: { name: "shop-prod-backup" }, "dr-vault": { name: "shop-prod-backup-dr", provider: "aws.dr" } },
    aws_backup_plan: {
      plan: {
        name: "shop-prod-backup",
        rule: [
          {
            rule_name: "daily",
            target_vault_name: ref("aws_backup_vault", "vault", "name"),
            copy_action: [{ destination_vault_arn: ref("aws_backup_vault", "dr-vault", "arn") }],
          },
        ],
      },
    },
    aws_backup_selection: { selection: { name: "all", plan_id: ref("aws_backup_plan", "plan", "id"), resources: [ref("aws_db_instance", "db", "arn")] } },
    aws_iam_role: { "task-role": { name: "shop-prod-task" } },
  };
  const renamed: Record<string, Record<string, any>> = {};
  for (const [type, instances] of Object.entries(resources)) {
    renamed[type] = Object.fromEntries(Object.entries(instances).map(([id, body]) => [names(id), body]));
  }
  return {
    provider: { aws: [{ region: "eu-central-1" }, { alias: "dr", region: "eu-west-1" }] },
    resource: renamed,
  };
}

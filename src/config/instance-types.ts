/**
 * The EC2 instance types the app's hosts may be (app.capacity.ec2), with what ECS can place on
 * each: CPU units (1024 per vCPU), memory and network interfaces. Figures: EC2 instance type
 * specifications (vCPU, memory, "Maximum network interfaces"). Without ENI trunking (an account
 * setting, awsvpcTrunking, that the platform leaves off; t3 and t4g have none), each awsvpc task
 * takes one of the host's ENIs beside the primary one.
 */
export interface InstanceType {
  readonly vcpu: number;
  readonly memoryMiB: number;
  readonly maxEnis: number;
  readonly architecture: "X86_64" | "ARM64";
}

export const INSTANCE_TYPES: Record<string, InstanceType> = {
  "t3.small": { vcpu: 2, memoryMiB: 2048, maxEnis: 3, architecture: "X86_64" },
  "t3.medium": { vcpu: 2, memoryMiB: 4096, maxEnis: 3, architecture: "X86_64" },
  "t3.large": { vcpu: 2, memoryMiB: 8192, maxEnis: 3, architecture: "X86_64" },
  "t3.xlarge": { vcpu: 4, memoryMiB: 16384, maxEnis: 4, architecture: "X86_64" },
  "m6i.large": { vcpu: 2, memoryMiB: 8192, maxEnis: 3, architecture: "X86_64" },
  "m6i.xlarge": { vcpu: 4, memoryMiB: 16384, maxEnis: 4, architecture: "X86_64" },
  "c6i.large": { vcpu: 2, memoryMiB: 4096, maxEnis: 3, architecture: "X86_64" },
  "t4g.small": { vcpu: 2, memoryMiB: 2048, maxEnis: 3, architecture: "ARM64" },
  "t4g.medium": { vcpu: 2, memoryMiB: 4096, maxEnis: 3, architecture: "ARM64" },
  "t4g.large": { vcpu: 2, memoryMiB: 8192, maxEnis: 3, architecture: "ARM64" },
  "t4g.xlarge": { vcpu: 4, memoryMiB: 16384, maxEnis: 4, architecture: "ARM64" },
  "m7g.large": { vcpu: 2, memoryMiB: 8192, maxEnis: 3, architecture: "ARM64" },
  "m7g.xlarge": { vcpu: 4, memoryMiB: 16384, maxEnis: 4, architecture: "ARM64" },
  "c7g.large": { vcpu: 2, memoryMiB: 4096, maxEnis: 3, architecture: "ARM64" },
};

/** Memory the ECS agent keeps back from tasks (ECS_RESERVED_MEMORY, set in the hosts' user data). */
export const ECS_RESERVED_MEMORY_MIB = 256;
/** Share of physical memory the kernel and OS keep: ECS registers less than the nominal size. */
export const OS_MEMORY_SHARE = 0.05;

/** Memory ECS can give tasks on a host of this type. */
export function schedulableMemoryMiB(type: InstanceType): number {
  return Math.floor(type.memoryMiB * (1 - OS_MEMORY_SHARE)) - ECS_RESERVED_MEMORY_MIB;
}

/** How many tasks of this size fit on one host: the tightest of CPU, memory and free ENIs. */
export function tasksPerHost(type: InstanceType, cpu: number, memoryMiB: number): number {
  return Math.min(Math.floor((type.vcpu * 1024) / cpu), Math.floor(schedulableMemoryMiB(type) / memoryMiB), type.maxEnis - 1);
}

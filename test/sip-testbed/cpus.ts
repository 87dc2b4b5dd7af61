/**
 * Runs a program on a set of CPUs: `taskset -c LIST program args` (taskset sets the CPU list and
 * execs the program, so the PID stays the program's). The bench keeps the PBX and the customer's
 * phone off the CPU of the client under test (ADR 0008). Without `cpus`, the program as is.
 */
export function onCpus(
  program: string,
  args: string[],
  cpus: string | undefined,
): [string, string[]] {
  return cpus ? ['taskset', ['-c', cpus, program, ...args]] : [program, args];
}

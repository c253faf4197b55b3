import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { STATEFUL_TYPES } from "../../tools/diff/diff";
import { addressesOf, inventory, movedFrom } from "../support/inventory";
import { UPDATE_COMMAND, expectFile, updateMode } from "../support/reviewed-file";
import { synthesizedStack, synthesizedStackNames } from "../support/synthesized";
import { STATEFUL_ALLOWANCES } from "./stateful-allowances";

const INVENTORY_DIR = path.join(__dirname, "inventory");
const RECORD = path.join(__dirname, "stateful-addresses.txt");
const stacks = synthesizedStackNames();
const json = (stack: string) => JSON.parse(synthesizedStack(stack));

describe("inventory of every synthesized stack (__tests__/stacks/inventory/<stack>.txt)", () => {
  it.each(stacks)("%s", (stack) => {
    expectFile(path.join(INVENTORY_DIR, `${stack}.txt`), inventory(json(stack)), "the inventory of the synthesized stack");
  });

  it("has no inventory of a stack the app no longer synthesizes", () => {
    const obsolete = readdirSync(INVENTORY_DIR).filter((f) => f.endsWith(".txt") && !stacks.includes(f.replace(/\.txt$/, "")));
    if (updateMode() === "all") for (const file of obsolete) rmSync(path.join(INVENTORY_DIR, file));
    else expect(obsolete.map((f) => `${f}: no such stack any more; remove it with ${UPDATE_COMMAND}`)).toEqual([]);
  });
});

/** `<stack> <address>` lines: every stateful address the guard knows, by stack. */
function readRecord(): Map<string, Set<string>> {
  const record = new Map<string, Set<string>>();
  if (!existsSync(RECORD)) return record;
  for (const line of readFileSync(RECORD, "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))) {
    const [stack, address] = line.split(" ");
    if (!record.has(stack)) record.set(stack, new Set());
    record.get(stack)!.add(address);
  }
  return record;
}

const HEADER = [
  "# Stateful resources (tools/diff STATEFUL_TYPES) of every stack: the address guard of __tests__/stacks/inventory.test.ts.",
  `# ${UPDATE_COMMAND} adds new ones and drops those a moved block or stateful-allowances.ts covers; nothing else removes a line.`,
];

describe("stateful addresses (__tests__/stacks/stateful-addresses.txt)", () => {
  const record = readRecord();
  const current = new Map(stacks.map((stack) => [stack, addressesOf(json(stack), Object.keys(STATEFUL_TYPES))]));
  const allowed = (stack: string, address: string) => STATEFUL_ALLOWANCES.some((a) => a.stack === stack && a.address === address);
  const gone = [...record].flatMap(([stack, addresses]) =>
    [...addresses].filter((a) => !current.get(stack)?.includes(a)).map((address) => ({ stack, address })),
  );
  const movedTo = (stack: string, address: string) => (current.has(stack) ? movedFrom(json(stack)).get(address) : undefined);
  const uncovered = gone.filter(({ stack, address }) => !movedTo(stack, address) && !allowed(stack, address));
  const unrecorded = [...current].flatMap(([stack, addresses]) => addresses.filter((a) => !record.get(stack)?.has(a)).map((address) => ({ stack, address })));

  it("keeps every recorded address, or moves it with a moved block, or has a reviewed allowance", () => {
    expect(
      uncovered.map(
        ({ stack, address }) =>
          `${stack}: ${address} is gone, so terraform would destroy it and its data. Keep its address (overrideLogicalId), ` +
          `move it (moveTo: a moved block), or, if destroying it is intended, add { stack: "${stack}", address: "${address}", reason } ` +
          `to __tests__/stacks/stateful-allowances.ts; then ${UPDATE_COMMAND}. (${UPDATE_COMMAND} alone never accepts this.)`,
      ),
    ).toEqual([]);
  });

  it("records every stateful address the stacks have", () => {
    const mode = updateMode();
    if (mode !== "none" && (unrecorded.length || gone.length > uncovered.length)) {
      const keep = [...record].flatMap(([stack, addresses]) =>
        [...addresses].filter((a) => !gone.some((g) => g.stack === stack && g.address === a && !uncovered.includes(g))).map((a) => `${stack} ${a}`),
      );
      const lines = [...new Set([...keep, ...unrecorded.map(({ stack, address }) => `${stack} ${address}`)])].sort();
      writeFileSync(RECORD, [...HEADER, ...lines].join("\n") + "\n");
      return;
    }
    expect(unrecorded.map(({ stack, address }) => `${stack}: ${address} is not recorded yet: ${UPDATE_COMMAND}`)).toEqual([]);
    expect(
      gone.filter((g) => !uncovered.includes(g)).map(({ stack, address }) => `${stack}: ${address} moved or allowed: drop it with ${UPDATE_COMMAND}`),
    ).toEqual([]);
  });
});

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Job, type IJob } from "kubernetes-models/batch/v1";
import ts from "typescript";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";

/**
 * The cluster recipes in deploy/ are run, not just read: the Kubernetes Jobs are rendered for a
 * small sweep, validated against the Kubernetes schemas (kubernetes-models: the API's OpenAPI
 * schemas compiled with ajv; TypeScript's excess-property check on its types catches misspelt
 * keys, which the schemas allow), and their commands run here with each pod's environment; the
 * Slurm script runs once per array task. Both merges must equal the unsharded sweep byte for byte.
 */

const ROOT = resolve(".");
const SWEEP_JOB = "deploy/kubernetes/relisim-sweep-job.yaml";
const MERGE_JOB = "deploy/kubernetes/relisim-merge-job.yaml";
const SBATCH = "deploy/slurm/relisim-sweep.sbatch";

/** A fleet small enough that the recipes' grid (10 points × 10 replications) takes a second. */
const FLEET = `name: tiny-fleet
seed: 7
duration: 60d
fleet: { clusters: 20, failuresPerNodeYear: 2, maintenance: { strategy: copyState, everyDays: 7 } }
`;

const dir = mkdtempSync(join(tmpdir(), "relisim-recipes-"));
const scenario = join(dir, "tiny-fleet.yaml");
writeFileSync(scenario, FLEET);

const readJob = (file: string): IJob => parseAllDocuments(readFileSync(file, "utf8"))[0].toJS() as IJob;

/** The sweep Job for `shards` pods on `scenario`, writing to `out`: what a user edits, edited. */
function renderSweepJob(shards: number, out: string): IJob {
  const job = structuredClone(readJob(SWEEP_JOB));
  job.spec!.completions = shards;
  job.spec!.parallelism = shards;
  const container = job.spec!.template.spec!.containers[0];
  container.command = container.command!.map((part) => (part === "scenarios/maintenance-strategies.yaml" ? scenario : part));
  container.args = container.args!.map((a) => a.replace(/^--shard=auto\/\d+$/, `--shard=auto/${shards}`).replace(/^--out=.*$/, `--out=${out}`));
  return job;
}

function renderMergeJob(shards: number, out: string): IJob {
  const job = structuredClone(readJob(MERGE_JOB));
  const container = job.spec!.template.spec!.containers[0];
  container.command = container.command!.map((part) => part.replace("/results/maintenance-strategies", out).replace(/-of-\d+\.json/, `-of-${shards}.json`));
  return job;
}

/** TypeScript's verdict on a manifest typed as the API's Job: misspelt or misplaced keys. */
function typeProblems(jobs: Record<string, IJob>): string[] {
  const fileName = join(ROOT, "test", "deploy", "__manifests__.ts");
  const text = `import type { IJob } from "kubernetes-models/batch/v1";\n${Object.entries(jobs).map(([name, job]) => `export const ${name}: IJob = ${JSON.stringify(job)};`).join("\n")}\n`;
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, types: [], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022 };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (f, language, ...rest) => (f === fileName ? ts.createSourceFile(f, text, language) : getSourceFile(f, language, ...rest));
  host.fileExists = (f) => f === fileName || fileExists(f);
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
}

function schemaProblems(job: IJob): string {
  try {
    new Job(job).validate();
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

const run = (command: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  expect(r.status, `${command} ${args.join(" ")}\n${r.stderr}`).toBe(0);
  return r;
};

const GRID = ["--grid", "fleet.maintenance.strategy=copyState,imageInPlace", "--grid", "fleet.maintenance.everyDays=7,14,30,60,91", "--replications", "10"];
let reference = "";

beforeAll(async () => {
  const out = join(dir, "one-machine");
  // The reference, in this process (test/support/relisim-cli.ts); the recipes' own commands run as they are written.
  const r = await relisim(["sweep", scenario, ...GRID, "--out", out, "--quiet", "--workers", "1"]);
  expect(r.status, r.stderr).toBe(0);
  reference = readFileSync(join(out, "sweep.csv"), "utf8");
});

describe("deploy/kubernetes: the Indexed Job and its merge", () => {
  test("as shipped, both Jobs are valid batch/v1 Jobs (no misspelt key), with as many completions as shards", () => {
    const sweep = readJob(SWEEP_JOB);
    const merge = readJob(MERGE_JOB);
    expect(schemaProblems(sweep)).toBe("");
    expect(schemaProblems(merge)).toBe("");
    // One compilation for both, and a misspelt copy that must be the only one caught.
    const misspelt = structuredClone(sweep) as unknown as { spec: Record<string, unknown> };
    misspelt.spec.parralelism = 10;
    const problems = typeProblems({ sweep, merge, misspelt: misspelt as unknown as IJob });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/'"?parralelism"?' does not exist in type 'IJobSpec'/);
    const shardFlag = sweep.spec!.template.spec!.containers[0].args!.find((a) => a.startsWith("--shard="));
    expect(shardFlag).toBe(`--shard=auto/${sweep.spec!.completions}`);
    expect(sweep.spec!.completionMode).toBe("Indexed");
    expect(merge.spec!.template.spec!.containers[0].command!.join(" ")).toContain(`-of-${sweep.spec!.completions}.json`);
  });

  test("the schemas have teeth: a value the API refuses is caught", () => {
    const wrong = structuredClone(readJob(SWEEP_JOB));
    (wrong.spec as { completionMode: string }).completionMode = "Sometimes";
    wrong.spec!.template.spec!.containers[0].resources = { requests: { cpu: [] as unknown as string } };
    const problems = schemaProblems(wrong);
    expect(problems).toMatch(/completionMode must be equal to one of the allowed values/);
    expect(problems).toMatch(/requests\/cpu must be/);
  });

  test("rendered for 2 pods and run with each pod's JOB_COMPLETION_INDEX, then merged: the unsharded sweep's bytes", () => {
    const out = join(dir, "kubernetes");
    const sweep = renderSweepJob(2, out);
    const merge = renderMergeJob(2, out);
    expect(schemaProblems(sweep)).toBe("");
    expect(schemaProblems(merge)).toBe("");
    const container = sweep.spec!.template.spec!.containers[0];
    for (let index = 0; index < sweep.spec!.completions!; index++) {
      run(container.command![0], [...container.command!.slice(1), ...container.args!], { JOB_COMPLETION_INDEX: String(index) });
    }
    const mergeCommand = merge.spec!.template.spec!.containers[0].command!;
    run(mergeCommand[0], mergeCommand.slice(1));
    expect(readFileSync(join(out, "sweep.csv"), "utf8")).toBe(reference);
  });
});

describe("deploy/slurm: the job array", () => {
  test("each array task computes its shard; merged, the unsharded sweep's bytes; a task rerun alone redoes its own shard", () => {
    const out = join(dir, "slurm");
    const task = (id: number, min: number) =>
      run("bash", [SBATCH], { SHARDS: "2", SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min), SLURM_CPUS_PER_TASK: "1", SCENARIO: scenario, RESULTS: out });
    task(0, 0);
    task(1, 0);
    const shards = readdirSync(out).filter((f) => f.startsWith("sweep-shard-")).sort();
    expect(shards).toEqual(["sweep-shard-0-of-2.json", "sweep-shard-1-of-2.json"]);
    // sbatch --array=1: Slurm numbers the task 1 and the submission's first task 1 too.
    const before = readFileSync(join(out, shards[1]), "utf8");
    task(1, 1);
    expect(readdirSync(out).filter((f) => f.startsWith("sweep-shard-")).sort()).toEqual(shards);
    expect(readFileSync(join(out, shards[1]), "utf8")).toBe(before);
    run("node", ["bin/relisim.js", "merge", ...shards.map((s) => join(out, s)), "--quiet"]);
    expect(readFileSync(join(out, "sweep.csv"), "utf8")).toBe(reference);
  });
});

/**
 * What `dl predict` and `dl export` both ask of the user: which train block, which of its models,
 * which checkpoint. One wording for both commands.
 */
import type { ParsedArgs } from "./args.js";

/** The checkpoint a command reads from a run folder. */
export type CheckpointChoice = "best" | "latest" | "auto";

/** A flag's value when it was given one. */
export function stringFlag(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

/** `--checkpoint` (default auto: best when the run kept one, else latest), or an error line. */
export function checkpointChoice(command: string, parsed: ParsedArgs): { choice: CheckpointChoice } | { error: string } {
  const choice = stringFlag(parsed, "--checkpoint") ?? "auto";
  if (choice === "best" || choice === "latest" || choice === "auto") return { choice };
  return { error: `dl ${command}: --checkpoint must be best, latest or auto, not '${choice}'` };
}

/** The train block named by `--train`, or the file's only one; else an error line naming the choices. */
export function chooseTrain(command: string, file: string, trains: string[], wanted: string | undefined): { name: string } | { error: string } {
  const name = wanted ?? (trains.length === 1 ? trains[0] : undefined);
  if (name !== undefined && trains.includes(name)) return { name };
  return {
    error:
      trains.length === 0
        ? `dl ${command}: ${file} has no train block (it says which model, data pipeline and weights to use)`
        : wanted
          ? `dl ${command}: ${file} has no train block '${wanted}'; it has ${trains.join(", ")}`
          : `dl ${command}: choose a train block with --train: ${trains.join(", ")}`,
  };
}

/** The model named by `--model`, or the train block's only one; else an error line naming the choices. */
export function chooseModel(command: string, train: string, models: string[], wanted: string | undefined): { name: string } | { error: string } {
  const name = wanted ?? (models.length === 1 ? models[0] : undefined);
  if (name !== undefined && models.includes(name)) return { name };
  return {
    error: wanted
      ? `dl ${command}: train ${train} has no model '${wanted}'; it has ${models.join(", ")}`
      : `dl ${command}: choose a model with --model: ${models.join(", ")}`,
  };
}

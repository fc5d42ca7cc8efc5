/**
 * Reinforcement learning (`dl.rl`): environments (CartPole, T-maze), experience replay of
 * transitions and of whole episodes, evaluation rollouts, the TD loss and target-network copies.
 */
export type { Environment, EnvInstance, StepResult } from "./environment.js";
export { cartpole, CartPoleInstance } from "./cartpole.js";
export { tmaze, TMazeInstance } from "./tmaze.js";
export { replay, ReplaySource, ReplayBatches, TransitionMemory, type LearnerOptions } from "./replay.js";
export { episodeReplay, EpisodeReplaySource, EpisodeReplayBatches, type EpisodeReplayOptions } from "./episode-replay.js";
export { rollouts, RolloutSource, RolloutBatches, type RolloutOptions } from "./rollouts.js";
export { playEpisodes, type Episode } from "./play.js";
export { tdLoss, type TdOptions } from "./td-loss.js";
export { copyWeights, epsilonAt, greedyActions, type EpsilonSchedule, type ValueNetwork } from "./agent.js";
export { epochStats, EpisodeStats } from "./episode-stats.js";
export { gail, GailSource, GailBatches, cartpoleExpert, experts, type Expert, type GailOptions, type PairDiscriminator } from "./gail.js";
export { ppoClipLoss, type PpoOptions } from "./ppo-loss.js";
export { reach, ReachInstance, renderPoint, rig, RigSource, RigBatches, goalRollouts, GoalRolloutBatches, type RigOptions, type GoalRolloutOptions, type LatentEncoder, type GoalQNetwork } from "./rig.js";

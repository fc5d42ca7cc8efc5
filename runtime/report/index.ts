/** Reports (`dl.report`): progress output, history file and plot. */
export { Progress, type ProgressOptions } from "./progress.js";
export { writeHistory, type HistoryRow } from "./history.js";
export { writePlot } from "./plot.js";
export { formatValue, formatDuration, formatMetrics } from "./format.js";

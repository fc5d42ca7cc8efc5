/**
 * Server-initiated `$/progress` for long checks: `window/workDoneProgress/create`, then begin,
 * percentage reports (only when the percentage changes) and an end that says whether the check
 * finished or was superseded. Used only when the client declared `window.workDoneProgress`.
 */
import { WorkDoneProgress, WorkDoneProgressCreateRequest, type Connection } from "vscode-languageserver/node";
import type { CheckProgress } from "../../compiler/pipeline/document-pipeline.js";
import type { ProgressHandle, ProgressSink } from "./check-scheduler.js";

let nextToken = 0;

const percent = (p: CheckProgress | undefined) => (p && p.total ? Math.floor((100 * p.done) / p.total) : 0);
const message = (p: CheckProgress | undefined) => (p ? `${p.done}/${p.total} declarations` : "");

/** A progress sink that reports through `connection`. */
export function progressSink(connection: Connection): ProgressSink {
  return {
    begin(title): ProgressHandle {
      const token = `dl-check-${++nextToken}`;
      let created = false;
      let ended: string | undefined;
      let last: CheckProgress | undefined;
      const end = (m: string) => void connection.sendProgress(WorkDoneProgress.type, token, { kind: "end", message: m });
      connection.sendRequest(WorkDoneProgressCreateRequest.type, { token }).then(
        () => {
          created = true;
          void connection.sendProgress(WorkDoneProgress.type, token, { kind: "begin", title, cancellable: false, percentage: percent(last), message: message(last) });
          if (ended !== undefined) end(ended);
        },
        () => (ended ??= ""),
      );
      return {
        report(p) {
          const before = percent(last);
          last = p;
          if (created && ended === undefined && percent(p) !== before) {
            void connection.sendProgress(WorkDoneProgress.type, token, { kind: "report", percentage: percent(p), message: message(p) });
          }
        },
        done(m) {
          if (ended !== undefined) return;
          ended = m;
          if (created) end(m);
        },
      };
    },
  };
}

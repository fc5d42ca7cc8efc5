/** Names that targets give to IR nodes: the source's `let` name where there is one, made unique in its scope. */

/** What a target's scope keeps for naming: the names taken, and the counter of unnamed temporaries. */
export interface NameScope {
  taken: Set<string>;
  temp: { n: number };
}

/**
 * A name not yet taken in `scope`, which it then takes: `ident(name)`, then `name_2`, `name_3`, ...;
 * without a source name, the next free temporary `t1`, `t2`, ... `ident` makes a source name a
 * valid identifier of the target language.
 */
export function freshName(name: string | undefined, scope: NameScope, ident: (name: string) => string): string {
  let v = name !== undefined ? ident(name) : `t${++scope.temp.n}`;
  if (name !== undefined) for (let i = 2; scope.taken.has(v); i++) v = `${ident(name)}_${i}`;
  else while (scope.taken.has(v)) v = `t${++scope.temp.n}`;
  scope.taken.add(v);
  return v;
}

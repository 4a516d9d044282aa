/**
 * What a program registers to extend relisim (a balancer, a limit algorithm, a fault kind): a
 * parser of the parameters a scenario gives it, run once when the scenario is validated, and a
 * factory run when the world is built.
 */
export interface Extension<P, C, T> {
  /**
   * Checks the scenario's parameters (every key beside the kind's name, as written) and returns
   * what `create` receives: plain data. Throw an Error to reject them; its message is reported
   * with the scenario's file and path. Absent: the parameters are passed on as written.
   */
  params?(raw: Readonly<Record<string, unknown>>): P;
  /** Builds one instance; `context` holds the parameters and a random stream of its own. */
  create(context: C): T;
}

/** Names a program may register: a letter, then letters, digits, `-` or `_`. */
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * The extensions of one kind a program registered, by name. Names never shadow built-ins, so a
 * scenario naming a built-in always means it. One registry per thread: a worker thread sees what
 * the modules it imported registered.
 */
export class ExtensionRegistry<E extends Extension<unknown, never, unknown>> {
  readonly #what: string;
  readonly #builtIns: readonly string[];
  readonly #entries = new Map<string, E>();

  /** `what` names the kind in errors ("balancer"); `builtIns` are the names taken by relisim. */
  constructor(what: string, builtIns: readonly string[]) {
    this.#what = what;
    this.#builtIns = builtIns;
  }

  /** Registers `extension` as `name`; returns a function that removes it again. */
  register(name: string, extension: E): () => void {
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new Error(`a ${this.#what} name is a letter then letters, digits, - or _; got ${JSON.stringify(name)}`);
    }
    if (this.#builtIns.includes(name)) throw new Error(`"${name}" is a built-in ${this.#what} (built-ins: ${this.#builtIns.join(", ")}); choose another name`);
    if (this.#entries.has(name)) throw new Error(`a ${this.#what} named "${name}" is already registered`);
    if (typeof extension?.create !== "function") throw new Error(`${this.#what} "${name}": create must be a function`);
    this.#entries.set(name, extension);
    return () => {
      if (this.#entries.get(name) === extension) this.#entries.delete(name);
    };
  }

  /** The extension registered as `name`, or undefined. */
  get(name: string): E | undefined {
    return this.#entries.get(name);
  }

  /** The extension registered as `name`; throws (a bug or a mismatched thread) when there is none. */
  require(name: string): E {
    const found = this.#entries.get(name);
    if (!found) throw new Error(`no ${this.#what} "${name}" is registered in this thread (register it before running, and import the module that does in worker threads)`);
    return found;
  }

  /** Whether `name` is a built-in. */
  isBuiltIn(name: string): boolean {
    return this.#builtIns.includes(name);
  }

  /** The built-in names, then the registered ones in the order registered. */
  names(): string[] {
    return [...this.#builtIns, ...this.#entries.keys()];
  }
}

/** An extension named in a scenario, as the model's config carries it: plain data. */
export interface ExtensionSpec {
  readonly name: string;
  /** What the extension's `params` returned (or the parameters as written). */
  readonly params: unknown;
}

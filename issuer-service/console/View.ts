import type { Me, Role } from "./ApiTypes";

/** What every view gets from the shell: who is signed in and how to move between views. */
export interface ConsoleContext {
  me: Me;
  /** Whether the key holds one of `roles` (or admin, which the service permits everything). */
  can(...roles: Role[]): boolean;
  go(hash: string): void;
}

/** One screen of the console. `open` loads its data for a route; `render` draws it again (after a language switch). */
export interface View {
  readonly element: HTMLElement;
  open(params: URLSearchParams, path: string[]): Promise<void>;
  render(): void;
}

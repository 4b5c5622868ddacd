/** A parameter of a function or error as the generated ABIs (core/src/generated/abis.ts) describe it. */
export interface AbiParameter {
  readonly type: string;
  readonly name: string;
  readonly components?: readonly AbiParameter[];
}

/** A function or custom error of the generated ABIs. */
export interface AbiFragment {
  readonly type: string;
  readonly name?: string;
  readonly inputs?: readonly AbiParameter[];
  readonly outputs?: readonly AbiParameter[];
}

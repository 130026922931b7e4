/** How one command-line option is read and checked. */
export type OptionSpec =
  | {
      kind: 'string';
      description: string;
      required?: boolean;
      placeholder?: string;
      /** A further check of the value: the whole message of the problem, or undefined when it is fine. */
      check?: (value: string) => string | undefined;
    }
  | { kind: 'choice'; description: string; choices: readonly string[]; required?: boolean }
  | {
      kind: 'number';
      description: string;
      min?: number;
      max?: number;
      integer?: boolean;
      /** A further check after the kind and range: the whole message of the problem, or undefined. */
      check?: (value: number) => string | undefined;
    }
  | { kind: 'flag'; description: string };

/** Options of one command, by long name without the dashes (`lr` for `--lr`). */
export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed values: strings for string/choice, numbers, `true` for flags; absent when not given. */
export type OptionValues = Record<string, string | number | boolean | undefined>;

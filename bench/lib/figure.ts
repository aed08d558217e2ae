/**
 * One measured figure, always paired with the reference measured in the same
 * run: on a shared 2-core machine absolute numbers drift by tens of percent
 * from run to run, the ratio to a reference run side by side does much less.
 */
export interface Figure {
  /** Bench group that produced it ('ami', 'receiver', 'store', …). */
  bench: string;
  /** Stable id for comparing runs, e.g. 'ami.parser.socket.mbps'. */
  id: string;
  label: string;
  unit: string;
  ours: number;
  /** The reference measured in the same run (a ceiling or the library we replace). */
  reference?: { label: string; value: number };
  /** ours / reference when higher is better, reference / ours when lower is better (so > 1 = we win). */
  ratio?: number;
  higherIsBetter: boolean;
  target?: Target;
  /** Whether the target is met; undefined when there is no target. */
  met?: boolean;
  /** The figure docs/measured-limits.md gives for the reference on this machine, as text. */
  limitsDoc?: string;
  note?: string;
}

export interface Target {
  /** Apply the target to our absolute value or to the ratio. */
  on: 'ours' | 'ratio';
  op: '>=' | '<=';
  value: number;
  /** The target in words, e.g. '≥ 200k events/s'. */
  text: string;
}

export interface FigureInput {
  id: string;
  label: string;
  unit: string;
  ours: number;
  reference?: { label: string; value: number };
  higherIsBetter?: boolean;
  target?: Target;
  limitsDoc?: string;
  note?: string;
}

/** Build a figure for one bench group: computes the ratio and whether the target is met. */
export function figureMaker(bench: string): (input: FigureInput) => Figure {
  return (input) => {
    const higherIsBetter = input.higherIsBetter ?? true;
    const ref = input.reference?.value;
    let ratio: number | undefined;
    if (ref !== undefined && ref > 0 && input.ours > 0) ratio = higherIsBetter ? input.ours / ref : ref / input.ours;
    let met: boolean | undefined;
    if (input.target) {
      const value = input.target.on === 'ours' ? input.ours : ratio;
      if (value !== undefined) met = input.target.op === '>=' ? value >= input.target.value : value <= input.target.value;
    }
    return { bench, ...input, higherIsBetter, ratio, met };
  };
}

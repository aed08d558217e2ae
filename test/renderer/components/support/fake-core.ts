import { methods, type ActionError, type ActionResult, type Bridge, type InvokeReply, type LiveUpdate, type MethodName, type ReplyOf, type RequestOf, type Role } from '@contract';

/** How the fake core answers one method: a typed reply, or a thrown error the transport reports as `internal`. */
export type Answer<M extends MethodName> = (params: RequestOf<M>) => ReplyOf<M> | Promise<ReplyOf<M>>;
export type Answers = { [M in MethodName]?: Answer<M> };

/** An action the core ran. */
export const actionDone: ActionResult = { ok: true, value: undefined };

/** An action the core (or the PBX behind it) refused, as any action method answers it. */
export function actionRefused(code: ActionError['code'], message: string): ActionResult<never> {
  return { ok: false, error: { code, message } };
}

interface RecordedCall {
  method: MethodName;
  params: unknown;
}

/**
 * The renderer's one seam to the core (`window.callboard`, the contract's Bridge), faked:
 * every invoke is recorded and answered from `answers`; a method without an answer is
 * refused as the dispatcher refuses an unknown one, so a component reading something the
 * test did not expect sees the failure path, not a made-up reply. Like the dispatcher, a
 * `read` session is refused every `act` method, answered or not.
 */
export class FakeCore implements Bridge {
  private readonly calls: RecordedCall[] = [];
  private readonly listeners = new Set<(updates: LiveUpdate[]) => void>();
  private readonly answers: Answers;

  constructor(
    answers: Answers = {},
    private readonly role: Role = 'act',
  ) {
    this.answers = { ...answers };
  }

  /** Change or add answers mid-test (the core now refuses, or the list changed). */
  answer(answers: Answers): void {
    Object.assign(this.answers, answers);
  }

  async invoke<M extends MethodName>(method: M, params: RequestOf<M>): Promise<InvokeReply<M>> {
    this.calls.push({ method, params });
    if (methods[method].role === 'act' && this.role === 'read') return { ok: false, error: { code: 'forbidden', message: `${method} needs the operator role` } };
    const answer = this.answers[method] as Answer<M> | undefined;
    if (!answer) return { ok: false, error: { code: 'unknown_method', message: `no answer for ${method} in this test` } };
    try {
      return { ok: true, result: await answer(params) };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  subscribe(listener: (updates: LiveUpdate[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Send a live batch to every subscriber, as the core's stream does. */
  push(updates: LiveUpdate[]): void {
    for (const listener of this.listeners) listener(updates);
  }

  /** The params of every call of one method, in order. */
  paramsOf<M extends MethodName>(method: M): RequestOf<M>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params as RequestOf<M>);
  }

  /** Methods called, in order, without their params. */
  get methods(): MethodName[] {
    return this.calls.map((call) => call.method);
  }
}

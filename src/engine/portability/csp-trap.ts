/**
 * TEST ONLY: runs code with `Function` and `eval` replaced by throwing stand-ins — what a Content-Security-Policy
 * without 'unsafe-eval' does to code generation — and records every attempt. The browser test
 * (portability.browser.test.ts) checks the same paths under a real CSP in Chromium.
 */
export async function withoutEval<T>(
  fn: () => Promise<T>,
): Promise<{ result?: T; error?: unknown; attempts: string[] }> {
  const g = globalThis as { Function: FunctionConstructor; eval: (code: string) => unknown };
  const realFunction = g.Function;
  const realEval = g.eval;
  const attempts: string[] = [];
  const refuse = (what: string, args: readonly unknown[]) => {
    attempts.push(`${what}(${args.map((a) => String(a).slice(0, 60)).join(', ')})`);
    return new EvalError(`Refused to evaluate a string as JavaScript (${what})`);
  };
  g.Function = new Proxy(realFunction, {
    construct: (_t, args) => {
      throw refuse('new Function', args);
    },
    apply: (_t, _this, args) => {
      throw refuse('Function', args);
    },
  });
  g.eval = (code: string) => {
    throw refuse('eval', [code]);
  };
  try {
    return { result: await fn(), attempts };
  } catch (error) {
    return { error, attempts };
  } finally {
    g.Function = realFunction;
    g.eval = realEval;
  }
}

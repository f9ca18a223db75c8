// A request's body or query checked against its schema: the value, or an InputError naming every problem.
import type { z } from 'zod';
import { InputError } from '../../../shared/errors/errors';

export function parsed<S extends z.ZodTypeAny>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `bad ${what}: ${result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ')}`,
    );
  }
  return result.data as z.infer<S>;
}

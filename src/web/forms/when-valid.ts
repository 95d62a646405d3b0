/**
 * Lets a cross-field check (`superRefine`) run even when other fields have errors (zod skips it by default), as
 * long as the fields it reads parsed; so the form shows every problem at once.
 */
export function whenValid(...fields: string[]) {
  return {
    when: (payload: { issues: { path?: PropertyKey[] }[] }) =>
      payload.issues.every((i) => !fields.includes(String(i.path?.[0] ?? ''))),
  };
}

interface PathError {
  path: string;
  message: { zh: string; en: string };
}

/** A StaffError's field errors as antd form fields (`/newPassword` → `newPassword`), each
 * message in the reader's language; errors whose field is not on the form are left out. */
export function fieldErrors<Field extends string>(
  errors: readonly PathError[],
  fields: readonly Field[],
  pick: (text: { zh: string; en: string }) => string,
): { name: Field; errors: string[] }[] {
  const byField = new Map<Field, string[]>();
  for (const error of errors) {
    const name = fields.find((field) => `/${field}` === error.path);
    if (name) byField.set(name, [...(byField.get(name) ?? []), pick(error.message)]);
  }
  return [...byField].map(([name, messages]) => ({ name, errors: messages }));
}

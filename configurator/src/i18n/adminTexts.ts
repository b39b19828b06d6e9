/** The admin screens' texts, [中文, English]. */
export const adminTexts = {
  adminPlaceholder: ['建设中', 'Coming'],
} satisfies Record<string, readonly [string, string]>;

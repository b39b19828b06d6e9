/** The supervision screens' texts, [中文, English]. */
export const supervisionTexts = {
  supervisionPlaceholder: ['建设中', 'Coming'],
} satisfies Record<string, readonly [string, string]>;

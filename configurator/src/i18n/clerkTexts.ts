/** The clerk screens' texts, [中文, English]. */
export const clerkTexts = {
  clerkPlaceholder: ['建设中', 'Coming'],
} satisfies Record<string, readonly [string, string]>;

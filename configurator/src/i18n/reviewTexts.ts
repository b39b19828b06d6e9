/** The review screens' texts, [中文, English]. */
export const reviewTexts = {
  reviewPlaceholder: ['建设中', 'Coming'],
} satisfies Record<string, readonly [string, string]>;

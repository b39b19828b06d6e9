import type { PickedFile } from '../platform/transport';

export type Query = Record<string, string>;

/** A mini-program event: the tapped element's data-* and the input's value or picked file. */
export interface PageEvent {
  currentTarget: { dataset: Record<string, string> };
  detail: { value?: string; file?: PickedFile };
}

/** `this` inside a page: Page({…}) gives the same in WeChat and Alipay mini-programs. */
export interface PageInstance<D> {
  data: D;
  setData(patch: Partial<D>): void;
}

export type PageOptions<D, M> = {
  data: D;
  onLoad(query: Query): void;
  onUnload?(): void;
} & M &
  ThisType<PageInstance<D> & M>;

/** A page's logic as the options object a mini-program's Page() takes, unchanged. */
export function definePage<D, M>(options: PageOptions<D, M>): PageOptions<D, M> {
  return options;
}

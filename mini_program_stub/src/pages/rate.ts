import { RATE, RATING_TAGS } from '../api/operations';
import type { RateMutation, RateMutationVariables, RatingTagsQuery } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, run } from './common';

/** Rating (好差评): 1–5 with tags and a comment; 2 or less opens the county's follow-up. */
export const ratePage = definePage({
  data: {
    ...blank(),
    id: '',
    score: 0,
    stars: [1, 2, 3, 4, 5].map((n) => ({ n: String(n), on: false })),
    tags: [] as { value: string; label: string; on: boolean }[],
    comment: '',
    done: false,
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '' });
    void run(this, async () => {
      const { ratingTags } = await services().client.request<RatingTagsQuery>(RATING_TAGS);
      const s = settings();
      this.setData({ tags: ratingTags.map((tag) => ({ value: tag.value, label: pick(tag.label, s), on: false })) });
    });
  },
  onScore(e: PageEvent) {
    const score = Number(e.currentTarget.dataset.n);
    this.setData({ score, stars: this.data.stars.map((star) => ({ ...star, on: Number(star.n) <= score })) });
  },
  onTag(e: PageEvent) {
    const value = e.currentTarget.dataset.value;
    this.setData({ tags: this.data.tags.map((tag) => (tag.value === value ? { ...tag, on: !tag.on } : tag)) });
  },
  onComment(e: PageEvent) {
    this.setData({ comment: e.detail.value ?? '' });
  },
  onSend() {
    void run(this, async () => {
      const { id, score, comment } = this.data;
      const tags = this.data.tags.filter((tag) => tag.on).map((tag) => tag.value);
      const { rateApplication } = await services().client.request<RateMutation, RateMutationVariables>(RATE, {
        id,
        score,
        tags,
        comment,
      });
      if (rateApplication.__typename === 'RatingError') throw new Error(pick(rateApplication.message, settings()));
      this.setData({ done: true });
    });
  },
  onDone() {
    services().redirect('application', { id: this.data.id });
  },
});

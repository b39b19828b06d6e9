/** The staff subscription the queue listens to; null until the API offers it (the queue then
 * checks every 30 s). */
export const QUEUE_CHANGED: string | null = null;

/** An estimate as the API shows it: whole minutes, the range never narrower than the point. */
import type { EstimateReason, WaitEstimate } from '../../../api/queue.js';
import type { EstimateAnswer } from './service.js';

const MINUTE = 60_000;

export function estimateView(answer: Pick<EstimateAnswer, 'estimate' | 'reason'>): {
  estimate: WaitEstimate | null;
  estimateReason: EstimateReason | null;
} {
  const e = answer.estimate;
  if (!e) return { estimate: null, estimateReason: answer.reason ?? 'no_counter_open' };
  const waitMinutes = Math.round(e.waitMs / MINUTE);
  return {
    estimate: {
      waitMinutes,
      lowMinutes: Math.min(waitMinutes, Math.floor(e.lowMs / MINUTE)),
      highMinutes: Math.max(waitMinutes, Math.ceil(e.highMs / MINUTE)),
      callAt: Math.round(e.callAt),
    },
    estimateReason: null,
  };
}

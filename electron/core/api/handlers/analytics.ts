import { classAnalytics, institutionAnalytics, studentAnalytics } from '../../services/analytics';
import type { HandlersOf } from '../handler-types';

export const analyticsHandlers = {
  'analytics.student': (input, ctx) => studentAnalytics(ctx.deps, ctx.actor, input),
  'analytics.class': (input, ctx) => classAnalytics(ctx.deps, ctx.actor, input),
  'analytics.institution': (input, ctx) => institutionAnalytics(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<'analytics.student' | 'analytics.class' | 'analytics.institution'>;

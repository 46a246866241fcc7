import { classAnalytics, institutionAnalytics, studentAnalytics } from '../../services/analytics';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const analyticsHandlers = {
  'analytics.student': serve(studentAnalytics),
  'analytics.class': serve(classAnalytics),
  'analytics.institution': serve(institutionAnalytics),
} satisfies HandlersOf<'analytics.student' | 'analytics.class' | 'analytics.institution'>;

// A person's contact details as both the registry (an institution's admin) and a school's users keep them:
// one definition, so the admin's profile and everyone else's are checked alike.
import { TEXT_LIMITS } from '../../../shared/domain';

export const CONTACT_FIELDS = {
  email: {
    type: String,
    trim: true,
    lowercase: true,
    maxlength: TEXT_LIMITS.email,
    match: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  },
  phone: { type: String, trim: true, maxlength: TEXT_LIMITS.phone },
  address: { type: String, trim: true, maxlength: TEXT_LIMITS.address },
  dateOfBirth: { type: Date },
} as const;

/**
 * The person form's values and what they become: `users.create` input for a new account, and for an edit only
 * the fields that changed (an emptied optional field is sent as null, which clears it).
 */
import type { AllChannelInput, UserDto } from '../../../../../shared/contract';
import { TEXT_LIMITS } from '../../../../../shared/domain';
import type { ContactValues } from '../../../components/contact-fields';
import { checkOptionalEmail, checkOptionalPhone, checkTenantUsername } from '../../../lib/admin-rules';
import { checkNewPassword, optionalText, requiredText } from '../../../lib/form-rules';

export type TenantRole = UserDto['role'];

/** Department and employee number are a teacher's, edited once the account exists. */
export interface PersonValues extends ContactValues {
  role: TenantRole;
  username: string;
  password: string;
  name: string;
  /** `YYYY-MM-DD` (what Mantine's DateInput answers), or null. */
  joiningDate: string | null;
}

export function emptyPerson(role: TenantRole): PersonValues {
  return {
    role,
    username: '',
    password: '',
    name: '',
    email: '',
    phone: '',
    address: '',
    dateOfBirth: null,
    joiningDate: null,
    department: '',
    employeeNumber: '',
  };
}

/** A stored date-only value (midnight UTC) as `YYYY-MM-DD`. */
export function dayString(date: Date | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

export function personValuesOf(user: UserDto): PersonValues {
  return {
    role: user.role,
    username: user.username,
    password: '',
    name: user.name,
    email: user.email ?? '',
    phone: user.phone ?? '',
    address: user.address ?? '',
    dateOfBirth: dayString(user.dateOfBirth),
    joiningDate: dayString(user.joiningDate),
    department: user.department ?? '',
    employeeNumber: user.employeeNumber ?? '',
  };
}

export function personRules(mode: 'create' | 'edit') {
  return {
    username: checkTenantUsername,
    password: (value: string) => (mode === 'create' ? checkNewPassword(value) : null),
    name: requiredText(TEXT_LIMITS.personName, 'Enter the name.'),
    email: checkOptionalEmail,
    phone: checkOptionalPhone,
    address: optionalText(TEXT_LIMITS.address, true),
    department: optionalText(TEXT_LIMITS.department),
    employeeNumber: optionalText(TEXT_LIMITS.employeeNumber),
  };
}

export function createInput(values: PersonValues): AllChannelInput<'users.create'> {
  return {
    role: values.role,
    username: values.username.trim(),
    password: values.password,
    name: values.name.trim(),
    email: values.email.trim(),
    phone: values.phone.trim(),
    address: values.address.trim(),
    ...(values.dateOfBirth ? { dateOfBirth: values.dateOfBirth } : {}),
    ...(values.joiningDate ? { joiningDate: values.joiningDate } : {}),
  };
}

/** The fields that differ from `user`; null clears an optional one. */
export function updateInput(user: UserDto, values: PersonValues): AllChannelInput<'users.update'> {
  const before = personValuesOf(user);
  const input: AllChannelInput<'users.update'> = { id: user.id };
  const text = (key: 'email' | 'phone' | 'address' | 'department' | 'employeeNumber') => {
    const now = values[key].trim();
    if (now === before[key]) return;
    input[key] = now === '' ? null : now;
  };
  if (values.username.trim() !== before.username) input.username = values.username.trim();
  if (values.name.trim() !== before.name) input.name = values.name.trim();
  text('email');
  text('phone');
  text('address');
  if (user.role === 'teacher') {
    text('department');
    text('employeeNumber');
  }
  if (values.dateOfBirth !== before.dateOfBirth) input.dateOfBirth = values.dateOfBirth;
  if (values.joiningDate !== before.joiningDate) input.joiningDate = values.joiningDate;
  return input;
}

export const ROLE_NAMES: Readonly<Record<TenantRole, string>> = { teacher: 'Teacher', student: 'Student' };

/** A date-only value (birthdays, joining dates: midnight UTC) in the user's locale. */
export function formatDay(date: Date | undefined): string {
  return date ? date.toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' }) : '—';
}

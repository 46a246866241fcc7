/**
 * Own profile (issue 19) through the API: every role reads and changes their own details, a teacher their
 * department and employee number, a student sees their class and roll number but cannot set them; inputs are
 * checked and size-limited, changes are logged, and the admin edits the same fields for anyone (users.update).
 */
import { describe, expect, it } from 'vitest';
import { api, school, useSchool } from '../../support/api';

useSchool();

interface Profile {
  id: string;
  role: string;
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  dateOfBirth?: Date;
  department?: string;
  employeeNumber?: string;
  className?: string;
  rollNumber?: number;
}
const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);
const fieldsOf = (result: { ok: boolean; error?: { fields?: Record<string, string> } }) =>
  result.ok ? {} : (result.error?.fields ?? {});

describe('profile.get and profile.update', () => {
  it('lets a teacher change their details, department and employee number; absent keeps, null clears', async () => {
    const token = school.teacher.token;
    const before = await api.ok<Profile>('profile.get', {}, token);
    expect(before).toMatchObject({ id: school.teacher.id, role: 'teacher', name: 'Pratik sir' });

    const changed = await api.ok<Profile>(
      'profile.update',
      {
        name: 'Pratik Shah',
        email: 'Pratik@School.org',
        phone: '+91 98765 43210',
        address: '4 Lake View\nPune',
        dateOfBirth: '1985-03-14',
        department: 'Mathematics',
        employeeNumber: 'T-042',
      },
      token,
    );
    expect(changed).toMatchObject({
      name: 'Pratik Shah',
      email: 'pratik@school.org',
      phone: '+91 98765 43210',
      department: 'Mathematics',
      employeeNumber: 'T-042',
    });
    expect(changed.dateOfBirth?.toISOString().slice(0, 10)).toBe('1985-03-14');

    const cleared = await api.ok<Profile>('profile.update', { phone: null, address: '' }, token);
    expect(cleared.phone).toBeUndefined();
    expect(cleared.address).toBeUndefined();
    expect(cleared.email).toBe('pratik@school.org');
    // The session shows the new name.
    const me = await api.ok<{ user: { name: string } }>('auth.me', {}, token);
    expect(me.user.name).toBe('Pratik Shah');
  });

  it('shows a student their class and roll number, and refuses teacher-only fields', async () => {
    const [asha] = school.students;
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    await handle.models.User.updateOne({ _id: asha!.id }, { $set: { rollNumber: 7 } });
    const profile = await api.ok<Profile>('profile.get', {}, asha!.token);
    expect(profile).toMatchObject({ role: 'student', className: 'Class 7-A', rollNumber: 7 });
    expect(profile.department).toBeUndefined();

    const refused = await api.call('profile.update', { department: 'Science' }, asha!.token);
    expect(code(refused)).toBe('VALIDATION');
    expect(fieldsOf(refused)).toHaveProperty('department');
    // Roll number and class are not fields of this channel at all.
    expect(code(await api.call('profile.update', { rollNumber: 1 }, asha!.token))).toBe('VALIDATION');
    expect(code(await api.call('profile.update', { className: 'X' }, asha!.token))).toBe('VALIDATION');
    expect((await api.ok<Profile>('profile.get', {}, asha!.token)).rollNumber).toBe(7);
  });

  it("keeps the admin's profile in the registry", async () => {
    const token = school.admin.token;
    const changed = await api.ok<Profile>(
      'profile.update',
      { name: 'Office Head', email: 'office@school.org', dateOfBirth: '1975-01-02' },
      token,
    );
    expect(changed).toMatchObject({ role: 'admin', name: 'Office Head', email: 'office@school.org' });
    const stored = await api.deps.db.masterModels.AdminRegistry.findById(school.admin.id).lean();
    expect(stored?.email).toBe('office@school.org');
    expect(code(await api.call('profile.update', { employeeNumber: 'A1' }, token))).toBe('VALIDATION');
  });

  it('checks every input: bad email, bad phone, too long, unknown keys, no token', async () => {
    const token = school.teacher.token;
    const bad = [
      { email: 'not an email' },
      { phone: 'call me' },
      { name: '' },
      { name: 'x'.repeat(121) },
      { address: 'x'.repeat(501) },
      { department: 'x'.repeat(101) },
      { employeeNumber: 'x'.repeat(33) },
      { dateOfBirth: 'yesterday' },
      { id: school.students[0]!.id },
    ];
    for (const input of bad) {
      expect(code(await api.call('profile.update', input, token)), JSON.stringify(input)).toBe('VALIDATION');
    }
    expect(code(await api.call('profile.get', {}))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('profile.update', { name: 'Nobody' }))).toBe('UNAUTHENTICATED');
  });

  it('logs each change as an update of the person', async () => {
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    const entries = await handle.models.ActivityLog.find({
      action: 'UPDATE',
      targetId: school.teacher.id,
    }).lean();
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.some((e) => JSON.stringify(e.details).includes('department'))).toBe(true);
  });
});

describe('the admin edits the same fields for anyone (users.update)', () => {
  it("sets a teacher's department and employee number; refuses them for a student", async () => {
    const updated = await api.ok<{ department?: string; employeeNumber?: string }>(
      'users.update',
      { id: school.teacher.id, department: 'Science', employeeNumber: 'T-100' },
      school.admin.token,
    );
    expect(updated).toMatchObject({ department: 'Science', employeeNumber: 'T-100' });
    expect((await api.ok<Profile>('profile.get', {}, school.teacher.token)).department).toBe('Science');
    const refused = await api.call(
      'users.update',
      { id: school.students[0]!.id, department: 'Science' },
      school.admin.token,
    );
    expect(code(refused)).toBe('VALIDATION');
  });
});

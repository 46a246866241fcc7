/**
 * A small school on a running station, over HTTP: an institution, its admin's session and some teachers
 * signed in (the admin and each teacher may chat; two teachers may not).
 */
import { EJSON } from 'bson';

export interface Session {
  id: string;
  token: string;
  username: string;
}

export interface StationSchool {
  admin: Session;
  teachers: Session[];
  institution: string;
}

export async function rpc<T = unknown>(
  baseUrl: string,
  channel: string,
  input: unknown,
  token?: string,
): Promise<{ status: number; ok: boolean; data: T; error?: { code: string; message: string } }> {
  const res = await fetch(`${baseUrl}/api/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: EJSON.stringify(input, { relaxed: false }),
  });
  const body = EJSON.parse(await res.text(), { relaxed: true }) as {
    ok: boolean;
    data: T;
    error?: { code: string; message: string };
  };
  return { status: res.status, ...body };
}

export async function rpcOk<T>(baseUrl: string, channel: string, input: unknown, token?: string): Promise<T> {
  const reply = await rpc<T>(baseUrl, channel, input, token);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error?.code} ${reply.error?.message}`);
  return reply.data;
}

export async function buildStationSchool(
  baseUrl: string,
  teachers: number,
  prefix = 'live',
): Promise<StationSchool> {
  const institution = `${prefix}_${Date.now().toString(36)}`;
  const password = 'school2025';
  await rpcOk(baseUrl, 'auth.registerInstitution', {
    username: institution,
    password,
    name: 'Asha Rao',
    institutionName: 'Live School',
  });
  const signIn = async (input: Record<string, string>): Promise<Session> => {
    const data = await rpcOk<{ token: string; user: { id: string; username: string } }>(
      baseUrl,
      'auth.login',
      input,
    );
    return { id: data.user.id, token: data.token, username: data.user.username };
  };
  const admin = await signIn({ username: institution, password });
  const list: Session[] = [];
  for (let i = 0; i < teachers; i++) {
    const username = `teacher${i + 1}`;
    await rpcOk(
      baseUrl,
      'users.create',
      { role: 'teacher', username, password: 'teach1234', name: `Teacher ${i + 1}` },
      admin.token,
    );
    list.push(await signIn({ institution, username, password: 'teach1234' }));
  }
  return { admin, teachers: list, institution };
}

import mongoose from 'mongoose';

/** Where the app's database is: the embedded engine (mutual TLS on loopback) or MONGODB_URI. */
export interface EngineConnection {
  uri: string;
  tlsCAFile?: string;
  tlsCertificateKeyFile?: string;
}

/** Driver options that carry the engine's mutual-TLS material (nothing extra for an external MongoDB). */
export function tlsOptions(conn: EngineConnection): mongoose.ConnectOptions {
  if (!conn.tlsCAFile || !conn.tlsCertificateKeyFile) return {};
  return { tls: true, tlsCAFile: conn.tlsCAFile, tlsCertificateKeyFile: conn.tlsCertificateKeyFile };
}

/** Opens a short-lived connection and runs `hello`; throws if the server does not answer within the timeout. */
export async function pingMongo(conn: EngineConnection, timeoutMs: number): Promise<void> {
  const probe = mongoose.createConnection(conn.uri, {
    ...tlsOptions(conn),
    serverSelectionTimeoutMS: timeoutMs,
    maxPoolSize: 1,
    autoCreate: false,
    autoIndex: false,
  });
  try {
    await probe.asPromise();
    const db = probe.db;
    if (!db) throw new Error('no database handle');
    await db.admin().command({ hello: 1 });
  } finally {
    await probe.close().catch(() => undefined);
  }
}

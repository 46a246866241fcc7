/** Who is acting, as the verified token and the transport tell it. Never taken from a request body. */
export interface Actor {
  userId: string;
  username: string;
  role: 'admin' | 'teacher' | 'student';
  /** The tenant database, from the token. */
  databaseName: string;
  ip: string;
  userAgent: string;
}

/**
 * The port through which the services reach the station's network module (station/lan/network.ts), which
 * owns the certificates, the paired devices and the pairing codes. Types only: the runtime passes it in.
 */
export interface DeviceRecord {
  id: string;
  name: string;
  pairedAt: Date;
  pairedBy: string;
  lastSeenAt?: Date | undefined;
  revokedAt?: Date | undefined;
}

/** What the station's network module offers the services. */
export interface NetworkOffice {
  state(): { addresses: string[]; fingerprint: string; browsers: boolean };
  devices(): DeviceRecord[];
  /** A new one-time code (replacing an earlier one), paired in the name of `pairedBy`. */
  offerPairing(pairedBy: string): { code: string; expiresAt: Date };
  /** false when there is no such device. */
  revoke(id: string): Promise<boolean>;
  setBrowsers(allowed: boolean): Promise<void>;
}

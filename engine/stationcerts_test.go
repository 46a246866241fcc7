package main

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestStationCertsNameTheHostsAndStayOwnerOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "network")
	var out bytes.Buffer
	if err := runCerts([]string{"--dir", dir, "--names", "Station.School.lan,127.0.0.2,localhost,127.0.0.2"}, &out); err != nil {
		t.Fatal(err)
	}
	var event certsEvent
	if err := json.Unmarshal(out.Bytes(), &event); err != nil {
		t.Fatalf("not one JSON line: %q", out.String())
	}
	if !event.Issued || len(event.Fingerprint) != 64 {
		t.Fatalf("first run: %+v", event)
	}
	ca, err := readCertPEM(event.Files.CA)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := readCertPEM(event.Files.Cert)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	for _, name := range []string{"station.school.lan", "127.0.0.2", "localhost"} {
		if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: name}); err != nil {
			t.Errorf("the certificate does not verify for %s: %v", name, err)
		}
	}
	if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: "other.lan"}); err == nil {
		t.Error("the certificate verifies for a name it was not issued for")
	}
	if !cert.IPAddresses[0].Equal(net.ParseIP("127.0.0.2")) || len(cert.IPAddresses) != 1 {
		t.Errorf("IP addresses: %v", cert.IPAddresses)
	}
	if days := cert.NotAfter.Sub(cert.NotBefore).Hours() / 24; days > 825 {
		t.Errorf("server certificate lives %.0f days", days)
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v", info.Mode().Perm())
	}
	for _, p := range []string{event.Files.CA, event.Files.CAKey, event.Files.Cert, event.Files.Key, event.Files.Names} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", p, err, info)
		}
	}

	// The same names: nothing is reissued. Other names: a new server certificate from the same CA.
	again, err := ensureStationCerts(dir, []string{"127.0.0.2", "localhost", "station.school.lan"}, time.Now())
	if err != nil || again.Issued || again.Fingerprint != event.Fingerprint {
		t.Fatalf("same names: %+v %v", again, err)
	}
	moved, err := ensureStationCerts(dir, []string{"10.0.0.9", "station.school.lan"}, time.Now())
	if err != nil || !moved.Issued || moved.Fingerprint != event.Fingerprint {
		t.Fatalf("new names: %+v %v", moved, err)
	}
	cert, _ = readCertPEM(event.Files.Cert)
	if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: "10.0.0.9"}); err != nil {
		t.Errorf("reissued certificate: %v", err)
	}
	// Near its end, the server certificate is reissued.
	late, err := ensureStationCerts(dir, []string{"10.0.0.9", "station.school.lan"}, time.Now().AddDate(0, 0, 780))
	if err != nil || !late.Issued {
		t.Fatalf("renewal: %+v %v", late, err)
	}
}

func TestStationCertsRefuseBadNames(t *testing.T) {
	for _, names := range []string{"", ",", "bad name", "-x.lan", "a/b"} {
		if err := runCerts([]string{"--dir", t.TempDir(), "--names", names}, &bytes.Buffer{}); err == nil {
			t.Errorf("%q accepted", names)
		}
	}
}

package main

// `crm-engine certs --dir D --names host1,10.0.0.5,…`: the TLS material of the station's network service.
// Node can verify certificates but not create them, so the engine, which already makes its own mutual-TLS
// material, makes these too (docs/architecture.md, "The station on the network").

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// stationCertFiles are the files `certs` keeps in its directory, all owner-only.
type stationCertFiles struct {
	CA    string `json:"ca"`    // the station's CA certificate: what a paired app pins
	CAKey string `json:"caKey"` // kept so the server certificate can be reissued when the names change
	Cert  string `json:"cert"`  // the server certificate (the station's names and addresses)
	Key   string `json:"key"`   // its private key
	Names string `json:"names"` // the names the server certificate was issued for, one a line
}

// certsEvent is the one JSON line `certs` prints.
type certsEvent struct {
	Event       string           `json:"event"` // "certs"
	Files       stationCertFiles `json:"files"`
	Fingerprint string           `json:"fingerprint"` // SHA-256 of the CA certificate's DER, hex
	Issued      bool             `json:"issued"`      // a new server certificate was written
}

// Server certificates live 800 days (Apple refuses more than 825 even from a private CA) and are reissued
// 30 days before they end.
const (
	serverCertDays  = 800
	serverRenewDays = 30
)

var hostName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$`)

func stationCertPaths(dir string) stationCertFiles {
	return stationCertFiles{
		CA:    filepath.Join(dir, "ca.pem"),
		CAKey: filepath.Join(dir, "ca-key.pem"),
		Cert:  filepath.Join(dir, "server.pem"),
		Key:   filepath.Join(dir, "server-key.pem"),
		Names: filepath.Join(dir, "names"),
	}
}

// runCerts is the `certs` subcommand: flags in, one JSON line out.
func runCerts(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("crm-engine certs", flag.ContinueOnError)
	dir := fs.String("dir", "", "directory of the station's certificates (created owner-only)")
	names := fs.String("names", "", "comma-separated host names and IP addresses the server certificate names")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *names == "" {
		return errors.New("--dir and --names are required")
	}
	list, err := canonicalNames(strings.Split(*names, ","))
	if err != nil {
		return err
	}
	event, err := ensureStationCerts(*dir, list, time.Now())
	if err != nil {
		return err
	}
	line, _ := json.Marshal(event)
	_, err = fmt.Fprintln(out, string(line))
	return err
}

// canonicalNames lower-cases, checks, de-duplicates and sorts: the same set always reads the same.
func canonicalNames(raw []string) ([]string, error) {
	var out []string
	for _, n := range raw {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if ip := net.ParseIP(n); ip != nil {
			n = ip.String()
		} else if len(n) > 253 || !hostName.MatchString(n) {
			return nil, fmt.Errorf("%q is neither a host name nor an IP address", n)
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("--names lists no name")
	}
	slices.Sort(out)
	return out, nil
}

// ensureStationCerts keeps the CA (created once) and reissues the server certificate when it is missing,
// names other hosts, was not issued by this CA, or ends within 30 days.
func ensureStationCerts(dir string, names []string, now time.Time) (certsEvent, error) {
	files := stationCertPaths(dir)
	event := certsEvent{Event: "certs", Files: files}
	if err := ownerOnlyDir(dir); err != nil {
		return event, err
	}
	caCert, caKey, err := loadOrCreateStationCA(files)
	if err != nil {
		return event, err
	}
	sum := sha256.Sum256(caCert.Raw)
	event.Fingerprint = hex.EncodeToString(sum[:])

	wanted := []byte(strings.Join(names, "\n") + "\n")
	if current, err := os.ReadFile(files.Names); err == nil && bytes.Equal(current, wanted) &&
		serverCertValid(files, caCert, now) {
		return event, nil
	}
	template := certTemplate("Smart School CRM station")
	template.NotBefore = now.Add(-time.Hour)
	template.NotAfter = now.AddDate(0, 0, serverCertDays)
	template.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			template.IPAddresses = append(template.IPAddresses, ip)
		} else {
			template.DNSNames = append(template.DNSNames, n)
		}
	}
	certPEM, keyPEM, err := issue(template, caCert, caKey)
	if err != nil {
		return event, err
	}
	// The key first and the names last: a crash midway leaves names that do not match, so the next run
	// issues again.
	for _, w := range []struct {
		path string
		data []byte
	}{{files.Key, keyPEM}, {files.Cert, certPEM}, {files.Names, wanted}} {
		if err := writeFileAtomic(w.path, w.data, 0o600); err != nil {
			return event, err
		}
	}
	event.Issued = true
	return event, nil
}

// ownerOnlyDir creates the directory 0700, or checks an existing one is a real directory and closes it to
// others (it holds the CA's key).
func ownerOnlyDir(dir string) error {
	info, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o700)
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	return os.Chmod(dir, 0o700)
}

func loadOrCreateStationCA(files stationCertFiles) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	if allExist(files.CA, files.CAKey) {
		cert, err := readCertPEM(files.CA)
		if err != nil {
			return nil, nil, err
		}
		keyPEM, err := os.ReadFile(files.CAKey)
		if err != nil {
			return nil, nil, err
		}
		block, _ := pem.Decode(keyPEM)
		if block == nil {
			return nil, nil, fmt.Errorf("%s holds no PEM key", files.CAKey)
		}
		parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, nil, err
		}
		key, ok := parsed.(*ecdsa.PrivateKey)
		if !ok || !key.PublicKey.Equal(cert.PublicKey) {
			return nil, nil, fmt.Errorf("%s is not the key of %s", files.CAKey, files.CA)
		}
		return cert, key, nil
	}
	template := certTemplate("Smart School CRM station CA")
	template.MaxPathLenZero = true // it signs server certificates only, never another CA
	der, key, err := newCA(template)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	// The key first: the certificate's presence marks a complete pair. A new CA invalidates the old server
	// certificate, so it goes too.
	if err := writeFileAtomic(files.CAKey, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return nil, nil, err
	}
	if err := writeFileAtomic(files.CA, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		return nil, nil, err
	}
	_ = os.Remove(files.Names)
	cert, err := x509.ParseCertificate(der)
	return cert, key, err
}

func readCertPEM(path string) (*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return x509.ParseCertificate(block.Bytes)
}

func serverCertValid(files stationCertFiles, ca *x509.Certificate, now time.Time) bool {
	if !allExist(files.Key) {
		return false
	}
	cert, err := readCertPEM(files.Cert)
	if err != nil || cert.CheckSignatureFrom(ca) != nil {
		return false
	}
	return now.AddDate(0, 0, serverRenewDays).Before(cert.NotAfter)
}

package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// tlsFiles are the paths of the mutual-TLS material inside the data directory.
type tlsFiles struct {
	CA         string // CA certificate: clients verify the server with it, the server verifies clients with it
	ServerCert string
	ServerKey  string
	Client     string // client certificate and key in one PEM, as MongoDB drivers expect
}

func tlsPaths(dir string) tlsFiles {
	return tlsFiles{
		CA:         filepath.Join(dir, "ca.pem"),
		ServerCert: filepath.Join(dir, "server-cert.pem"),
		ServerKey:  filepath.Join(dir, "server-key.pem"),
		Client:     filepath.Join(dir, "client.pem"),
	}
}

// ensureCertificates creates a private CA, a server and a client certificate on first start.
// The CA key is not kept: nobody can mint another client certificate afterwards.
func ensureCertificates(dir string) (tlsFiles, error) {
	files := tlsPaths(dir)
	if allExist(files.CA, files.ServerCert, files.ServerKey, files.Client) {
		return files, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return files, err
	}

	caDER, caKey, err := newCA(certTemplate("crm-engine local CA"))
	if err != nil {
		return files, err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return files, err
	}

	serverTemplate := certTemplate("crm-engine server")
	serverTemplate.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	serverTemplate.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	serverTemplate.DNSNames = []string{"localhost"}
	serverCertPEM, serverKeyPEM, err := issue(serverTemplate, caCert, caKey)
	if err != nil {
		return files, err
	}

	clientTemplate := certTemplate("crm-app")
	clientTemplate.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	clientCertPEM, clientKeyPEM, err := issue(clientTemplate, caCert, caKey)
	if err != nil {
		return files, err
	}

	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	writes := []struct {
		path string
		data []byte
	}{
		{files.ServerKey, serverKeyPEM},
		{files.ServerCert, serverCertPEM},
		{files.Client, append(clientCertPEM, clientKeyPEM...)},
		{files.CA, caPEM}, // last: its presence marks a complete set
	}
	for _, w := range writes {
		if err := writeFileAtomic(w.path, w.data, 0o600); err != nil {
			return files, err
		}
	}
	return files, nil
}

func certTemplate(commonName string) *x509.Certificate {
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	now := time.Now()
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: commonName, Organization: []string{"Smart School CRM"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(20, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
}

// newCA makes a CA key and its self-signed certificate (DER) from template, which it marks as a CA's.
func newCA(template *x509.Certificate) (der []byte, key *ecdsa.PrivateKey, err error) {
	key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	template.IsCA = true
	template.BasicConstraintsValid = true
	template.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	der, err = x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	return der, key, err
}

func issue(template, ca *x509.Certificate, caKey *ecdsa.PrivateKey) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	der, err := x509.CreateCertificate(rand.Reader, template, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
	return certPEM, keyPEM, nil
}

func allExist(paths ...string) bool {
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}

// writeFileAtomic writes through a temporary file so a crash never leaves half a key behind. The temporary
// file is created new (O_EXCL), so a link left in its place is removed, never written through.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return errors.Join(fmt.Errorf("rename %s: %w", tmp, err), os.Remove(tmp))
	}
	return nil
}

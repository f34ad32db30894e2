#!/bin/sh
# Makes a throwaway PKI for the TLS tests in DIR, laid out as libvirt expects it:
# a CA (cacert.pem, cakey.pem), the daemon's certificate and key (servercert.pem,
# serverkey.pem) and a client's (clientcert.pem, clientkey.pem), the server's
# valid for 127.0.0.1, ::1 and localhost. Needs certtool (gnutls-bin).
#
#   make-test-pki.sh DIR [PADDING]
#
# PADDING extra host names of 250 bytes each (at most 120) make the server
# certificate large, so that the daemon's first handshake flight cannot fit in the socket
# buffers of a client that does not read: the handshake then has to wait to write.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 DIR [PADDING]" >&2
    exit 2
fi
dir=$1
padding=${2:-0}
mkdir -p "$dir"
cd "$dir"

# certtool asks nothing when every answer is in its template.
cat > ca.info <<'END'
cn = pollscope test CA
ca
cert_signing_key
expiration_days = 2
END
cat > server.info <<'END'
organization = pollscope
cn = localhost
dns_name = localhost
ip_address = 127.0.0.1
ip_address = ::1
tls_www_server
encryption_key
signing_key
expiration_days = 2
END
label=$(printf '%060d' 0 | tr 0 a)
i=1
while [ "$i" -le "$padding" ]; do
    echo "dns_name = $label.$label.$label.$label.padding-$i.invalid" >> server.info
    i=$((i + 1))
done
cat > client.info <<'END'
country = GB
state = London
locality = London
organization = pollscope
cn = pollscope test client
tls_www_client
encryption_key
signing_key
expiration_days = 2
END

certtool --generate-privkey --key-type=rsa --bits=2048 --outfile cakey.pem 2>/dev/null
certtool --generate-self-signed --load-privkey cakey.pem --template ca.info --outfile cacert.pem 2>/dev/null
for who in server client; do
    certtool --generate-privkey --key-type=rsa --bits=2048 --outfile "${who}key.pem" 2>/dev/null
    certtool --generate-certificate --load-privkey "${who}key.pem" --load-ca-certificate cacert.pem \
        --load-ca-privkey cakey.pem --template "$who.info" --outfile "${who}cert.pem" 2>/dev/null
done
rm -f ca.info server.info client.info
chmod 600 cakey.pem serverkey.pem clientkey.pem

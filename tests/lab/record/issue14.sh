#!/usr/bin/env bash
# Every run of issue 14's measurements (lab-findings-14.md), recorded with record.sh into OUTDIR/<case>/,
# a few at a time. Usage: issue14.sh OUTDIR [case-name-pattern]   (e.g. 'b-*' for the FTPS runs)
set -uo pipefail
OUT=${1:?usage: issue14.sh OUTDIR [pattern]}
PATTERN=${2:-*}
HERE=$(cd "$(dirname "$0")" && pwd)
PARALLEL=${PARALLEL:-3}
TLS=(--ssl-reqd -k)
RAW_LOGIN=("USER anonymous" "PASS lab@example.org")
# name | record.sh options | client arguments (bash words)
CASES=$(cat <<'TABLE'
a-curl-epsv||-v
a-curl-pasv||--disable-epsv -v
a-curl-eprt||-P - -v
a-curl-port||-P - --disable-eprt -v
a-curl-epsv-servernat|--server-nat private|-v
a-curl-pasv-servernat|--server-nat private|--disable-epsv -v
a-curl-pasv-servernat-noskip|--server-nat private|--disable-epsv --no-ftp-skip-pasv-ip --connect-timeout 6 -v
a-classic-pasv-servernat|--client classic --server-nat private|{"mode":"passive","connectTimeout":6}
a-curl-epsv-serverfw|--server-fw port21|--connect-timeout 6 -v
a-curl-pasv-serverfw|--server-fw port21|--disable-epsv --connect-timeout 6 -v
a-curl-epsv-serverfw-nolimit|--server-fw port21 --limit 320|-v
a-curl-eprt-clientfw|--client-fw|-P - -v
a-curl-port-clientfw|--client-fw|-P - --disable-eprt -v
a-curl-eprt-clientnat|--client-nat|-P - -v
a-curl-eprt-clientnat-helper|--client-nat --helper|-P - -v
a-curl-control-timeout|--server-fw closed|--connect-timeout 6 -v
a-classic-control-timeout|--client classic --server-fw closed|{"mode":"passive","connectTimeout":6}
a-curl-control-nolimit|--server-fw closed --limit 320|-v
b-tls-epsv|--tls explicit|TLS -v
b-tls-pasv|--tls explicit|TLS --disable-epsv -v
b-tls-eprt|--tls explicit|TLS -P - -v
b-tls-port|--tls explicit|TLS -P - --disable-eprt -v
b-tls12-epsv|--tls explicit|TLS --tls-max 1.2 -v
b-tls12-eprt|--tls explicit|TLS --tls-max 1.2 -P - -v
b-tls-serverfw-helper-epsv|--tls explicit --server-fw port21 --helper|TLS --connect-timeout 6 -v
b-tls-serverfw-helper-pasv|--tls explicit --server-fw port21 --helper|TLS --disable-epsv --connect-timeout 6 -v
b-plain-serverfw-helper-epsv|--server-fw port21 --helper|--connect-timeout 6 -v
b-tls-serverfw-range-epsv|--tls explicit --server-fw range|TLS --connect-timeout 6 -v
b-tls-serverfw-range-pasv|--tls explicit --server-fw range|TLS --disable-epsv --connect-timeout 6 -v
b-tls-clientfw-helper-eprt|--tls explicit --client-fw --helper|TLS -P - -v
b-tls-clientfw-helper-port|--tls explicit --client-fw --helper|TLS -P - --disable-eprt -v
b-plain-clientfw-helper-eprt|--client-fw --helper|-P - -v
b-tls-clientnat-helper-port|--tls explicit --client-nat --helper|TLS -P - --disable-eprt -v
b-tls-clientnat-helper-eprt|--tls explicit --client-nat --helper|TLS -P - -v
b-plain-clientnat-helper-port|--client-nat --helper|-P - --disable-eprt -v
b-tls-clientnat-epsv|--tls explicit --client-nat --helper|TLS -v
b-tls-servernat-helper-epsv|--tls explicit --server-nat private --helper|TLS --connect-timeout 6 -v
b-tls-servernat-helper-pasv|--tls explicit --server-nat private --helper|TLS --disable-epsv --connect-timeout 6 -v
b-plain-servernat-helper-pasv|--server-nat private --helper|--disable-epsv --connect-timeout 6 -v
b-tls-ccc|--tls explicit|TLS --ftp-ssl-ccc -v
b-classic-tls-pasv|--client classic --tls explicit|{"mode":"passive","tls":true,"connectTimeout":6}
b-classic-tls-active|--client classic --tls explicit|{"mode":"active","tls":true}
b-classic-tls-servernat-helper-pasv|--client classic --tls explicit --server-nat private --helper|{"mode":"passive","tls":true,"connectTimeout":6}
b-classic-plain-servernat-helper-pasv|--client classic --server-nat private --helper|{"mode":"passive","connectTimeout":6}
b-classic-tls-clientnat-helper-active|--client classic --tls explicit --client-nat --helper|{"mode":"active","tls":true}
b-classic-tls-serverfw-helper-pasv|--client classic --tls explicit --server-fw port21 --helper|{"mode":"passive","tls":true,"connectTimeout":6}
b-classic-tls-clientfw-helper-active|--client classic --tls explicit --client-fw --helper|{"mode":"active","tls":true}
b-classic-tls-serverfw-range-pasv|--client classic --tls explicit --server-fw range|{"mode":"passive","tls":true,"connectTimeout":6}
c6-curl-epsv|--ip 6|-v
c6-curl-pasv|--ip 6|--disable-epsv -v
c6-curl-eprt|--ip 6|-P - -v
c6-curl-port|--ip 6|-P - --disable-eprt -v
c6-raw|--ip 6 --client raw|LOGIN;PORT 198,51,100,10,156,64;EPRT |1|198.51.100.10|40000|;EPRT |2|2001:db8:1::10|40000|;EPSV 1;EPSV 2;EPSV ALL;PASV;EPSV;QUIT
c6-raw-pasv|--ip 6 --client raw|LOGIN;PASV;EPRT |2|2001:db8:1::99|40000|;EPRT |2|2001:db8:1::10|80|;EPSV 3;EPRT |3|x|1|;QUIT
c4-raw|--client raw|LOGIN;EPRT |2|2001:db8:1::10|40000|;EPSV 2;EPSV 1;EPSV ALL;PASV;EPSV;QUIT
c6-curl-clientfw-eprt|--ip 6 --client-fw|-P - -v
c6-curl-clientfw-helper-eprt|--ip 6 --client-fw --helper|-P - -v
c6-curl-serverfw-epsv|--ip 6 --server-fw port21|--connect-timeout 6 -v
c6-curl-serverfw-helper-epsv|--ip 6 --server-fw port21 --helper|--connect-timeout 6 -v
c6-curl-serverfw-range-epsv|--ip 6 --server-fw range|--connect-timeout 6 -v
c6-classic-epsv|--ip 6 --client classic|{"mode":"epsv","connectTimeout":6}
c6-classic-eprt|--ip 6 --client classic|{"mode":"eprt"}
c6-classic-eprt-clientfw|--ip 6 --client classic --client-fw|{"mode":"eprt"}
c6-classic-eprt-clientfw-helper|--ip 6 --client classic --client-fw --helper|{"mode":"eprt"}
c6-classic-epsv-serverfw|--ip 6 --client classic --server-fw port21|{"mode":"epsv","connectTimeout":6}
c6-classic-epsv-serverfw-helper|--ip 6 --client classic --server-fw port21 --helper|{"mode":"epsv","connectTimeout":6}
c6-tls-serverfw-helper-epsv|--ip 6 --tls explicit --server-fw port21 --helper|TLS --connect-timeout 6 -v
c6-tls-clientfw-helper-eprt|--ip 6 --tls explicit --client-fw --helper|TLS -P - -v
TABLE
)

one() {
  local name=$1 opts=$2 args=$3
  local words=()
  if [[ $opts == *"--client raw"* ]]; then
    IFS=';' read -r -a words <<<"$args"
    local expanded=()
    for w in "${words[@]}"; do
      if [[ $w == LOGIN ]]; then expanded+=("${RAW_LOGIN[@]}"); else expanded+=("$w"); fi
    done
    words=("${expanded[@]}")
  elif [[ $opts == *"--client classic"* ]]; then
    words=("$args")
  else
    read -r -a words <<<"$args"
    local expanded=()
    for w in "${words[@]}"; do
      if [[ $w == TLS ]]; then expanded+=("${TLS[@]}"); else expanded+=("$w"); fi
    done
    words=("${expanded[@]}")
  fi
  # shellcheck disable=SC2086
  "$HERE/record.sh" $opts "$OUT/$name" -- "${words[@]}" >"$OUT/$name.log" 2>&1
  echo "$name: $(tail -1 "$OUT/$name.log")"
}
mkdir -p "$OUT"
running=0
while IFS='|' read -r name opts args; do
  # shellcheck disable=SC2053
  [[ $name == $PATTERN ]] || continue
  one "$name" "$opts" "$args" &
  running=$((running + 1))
  if ((running >= PARALLEL)); then wait -n; running=$((running - 1)); fi
done <<<"$CASES"
wait

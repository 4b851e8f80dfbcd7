#!/usr/bin/env bash
# One real FTP session for issue 14 (real clients, FTPS, IPv6), recorded: pcaps on the client's LAN, the
# server's LAN and the client router's WAN, the client's output, exit status and wall-clock time, the FTP
# helper's expectations box by box, and a tshark summary. The network is the lab's (tests/lab/README.md):
#
#   client [lan] ── [lan] client router [wan] ── [wan] server router [lan] ── [lan] server
#
# four network namespaces joined only to each other (each veth pair is created inside its two namespaces,
# never in the machine's own), removed with everything running in them when the script exits, however it
# exits. Every wait is bounded.
#
# Usage: record.sh [options] OUTDIR [-- client arguments]
#   --ip 4|6                 address family (IPv6: 2001:db8:: addresses, no NAT, ip6tables)      [4]
#   --tls none|explicit      vsftpd with ssl_enable=YES, anonymous TLS forced on login and data   [none]
#   --client-fw              stateful client firewall (INPUT policy DROP, ESTABLISHED,RELATED)
#   --server-fw port21|range|closed  stateful server firewall opening 21 (and the passive range), or nothing
#   --client-nat             client behind MASQUERADE (IPv4)
#   --server-nat private     server behind DNAT of port 21 only (IPv4)
#   --helper                 the FTP helper (CT --helper ftp) where there are rules
#   --client curl|classic|raw   curl (default), the lab's classic client (ftp_client.py), or raw.py
#   --server-wait N          vsftpd connect_timeout and accept_timeout (s)                        [6]
#   --limit N                the client's whole-run limit (s)                                     [40]
# Environment: IDLE_TIMEOUT, DATA_TIMEOUT (vsftpd's idle_session_timeout [60], data_connection_timeout [20]),
# VSFTPD_EXTRA (more vsftpd.conf lines, space-separated), SUMMARIZE (capture points to summarize with
# tshark [client wan server]).
# Client arguments: curl's options (the URL is added), a JSON object for ftp_client.py, or raw.py's lines.
#
# Example: tests/lab/record/record.sh --tls explicit --server-nat private --helper /tmp/r1 -- --ssl-reqd -k
set -euo pipefail

IP=4 TLS=none CLIENT_FW=0 SERVER_FW=none CLIENT_NAT=0 SERVER_NAT=none HELPER=0 CLIENT=curl WAIT=6 LIMIT=40
while [[ $# -gt 0 ]]; do
  case $1 in
    --ip) IP=$2; shift 2 ;;
    --tls) TLS=$2; shift 2 ;;
    --client-fw) CLIENT_FW=1; shift ;;
    --server-fw) SERVER_FW=$2; shift 2 ;;
    --client-nat) CLIENT_NAT=1; shift ;;
    --server-nat) SERVER_NAT=$2; shift 2 ;;
    --helper) HELPER=1; shift ;;
    --client) CLIENT=$2; shift 2 ;;
    --server-wait) WAIT=$2; shift 2 ;;
    --limit) LIMIT=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) OUT=$1; shift ;;
  esac
done
[[ -n ${OUT:-} ]] || { echo "usage: record.sh [options] OUTDIR [-- client arguments]" >&2; exit 2; }
[[ $IP == 6 && ($CLIENT_NAT == 1 || $SERVER_NAT != none) ]] && { echo "IPv6 has no NAT here" >&2; exit 2; }
CLIENT_ARGS=("$@")
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

PREFIX="ftp14-$$"
C=$PREFIX-c CR=$PREFIX-cr SR=$PREFIX-sr S=$PREFIX-s
ALL=("$C" "$CR" "$SR" "$S")
WORK=$(mktemp -d "/tmp/$PREFIX-XXXX")
PIDS=()

cleanup() {
  set +e
  # SIGINT lets tcpdump and conntrack flush; vsftpd ignores it and ends with SIGTERM. Whatever still runs
  # after a second gets SIGKILL.
  local pid
  [[ -n ${VSFTPD_PID:-} ]] && kill -TERM "$VSFTPD_PID" 2>/dev/null
  for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null; done
  for _ in $(seq 20); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.05
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  for ns in "${ALL[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

nsx() { local ns=$1; shift; timeout 10 ip netns exec "$ns" "$@"; }
# Polls a command (bounded) until it succeeds.
until_ok() {
  local what=$1 tries=$2; shift 2
  for _ in $(seq "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "timed out waiting for $what" >&2; return 1
}

# ---- addresses (IPv4: the engine's addressPlan; IPv6: 2001:db8::/32, documentation) ----
if [[ $IP == 4 ]]; then
  if [[ $CLIENT_NAT == 1 ]]; then CL=192.168.1.10 CRL=192.168.1.1; else CL=198.51.100.10 CRL=198.51.100.1; fi
  if [[ $SERVER_NAT != none ]]; then SV=172.16.0.21 SRL=172.16.0.1; else SV=192.0.2.21 SRL=192.0.2.1; fi
  CRW=203.0.113.1 SRW=203.0.113.2 LEN=24
  DIAL=$([[ $SERVER_NAT != none ]] && echo "$SRW" || echo "$SV")
  URLHOST=$DIAL
else
  CL=2001:db8:1::10 CRL=2001:db8:1::1 CRW=2001:db8:ff::1 SRW=2001:db8:ff::2 SRL=2001:db8:2::1 SV=2001:db8:2::21
  LEN=64 DIAL=$SV URLHOST="[$SV]"
fi

for ns in "${ALL[@]}"; do ip netns add "$ns"; done
ip link add lan netns "$C" type veth peer name lan netns "$CR"
ip link add wan netns "$CR" type veth peer name wan netns "$SR"
ip link add lan netns "$SR" type veth peer name lan netns "$S"
# nodad: the addresses are usable at once (no duplicate address detection delay on IPv6).
addr() { if [[ $IP == 6 ]]; then echo "addr add $1/$LEN dev $2 nodad"; else echo "addr add $1/$LEN dev $2"; fi; }
R=route # the family follows the addresses
batch() { local ns=$1; shift; printf '%s\n' "$@" >"$WORK/batch"; ip -n "$ns" -batch "$WORK/batch"; }
# Routers never route private space they do not own (the engine's Internet), as in harness/network.ts.
BLACKHOLES=()
[[ $IP == 4 ]] && BLACKHOLES=("route add blackhole 10.0.0.0/8" "route add blackhole 172.16.0.0/12" "route add blackhole 192.168.0.0/16")
NET() { if [[ $IP == 4 ]]; then echo "${1%.*}.0/24"; else echo "${1%::*}::/64"; fi; }
# A LAN without NAT is routed to (the far router's route to it).
TO_SERVER_LAN=() TO_CLIENT_LAN=()
[[ $SERVER_NAT == none ]] && TO_SERVER_LAN=("$R add $(NET "$SV") via $SRW")
[[ $CLIENT_NAT == 0 ]] && TO_CLIENT_LAN=("$R add $(NET "$CL") via $CRW")
batch "$C" "link set lo up" "$(addr "$CL" lan)" "link set lan up" "link set lan gso_max_segs 1" "$R add default via $CRL"
batch "$CR" "link set lo up" "$(addr "$CRL" lan)" "$(addr "$CRW" wan)" "link set lan up" "link set wan up" \
  "link set lan gso_max_segs 1" "link set wan gso_max_segs 1" "$R add default via $SRW" "${BLACKHOLES[@]}" \
  "${TO_SERVER_LAN[@]}"
batch "$SR" "link set lo up" "$(addr "$SRW" wan)" "$(addr "$SRL" lan)" "link set wan up" "link set lan up" \
  "link set wan gso_max_segs 1" "link set lan gso_max_segs 1" "$R add default via $CRW" "${BLACKHOLES[@]}" \
  "${TO_CLIENT_LAN[@]}"
batch "$S" "link set lo up" "$(addr "$SV" lan)" "link set lan up" "link set lan gso_max_segs 1" "$R add default via $SRL"
for ns in "$CR" "$SR"; do
  nsx "$ns" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
done

# IPv6 neighbour discovery and the routers' switch to forwarding take a moment after the links come up: the
# first SYNs would vanish. Wait (bounded) until the server answers, before any firewall exists: a SYN to a
# closed port comes back refused (RST) once the path works.
reachable() {
  ip netns exec "$C" python3 -c 'import socket,sys
try: socket.create_connection((sys.argv[1], 9), timeout=0.3)
except ConnectionRefusedError: sys.exit(0)
sys.exit(1)' "$SV"
}
# (IPv4 needs no wait, and behind NAT the probe could not come back before MASQUERADE exists.)
[[ $IP == 6 ]] && until_ok "the server to be reachable" 60 reachable

# ---- netfilter: the shapes of harness/network.ts, for iptables or ip6tables ----
RESTORE=$([[ $IP == 6 ]] && echo ip6tables-restore || echo iptables-restore)
ruleset() { # ns chain-for-helper
  local raw=() nat=() filter=()
  case $1 in
    client)
      [[ $CLIENT_FW == 1 ]] || return 0
      [[ $HELPER == 1 ]] && raw+=("-A OUTPUT -p tcp --dport 21 -j CT --helper ftp")
      filter+=(":INPUT DROP [0:0]" "-A INPUT -i lo -j ACCEPT" "-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT")
      # IPv6 needs neighbour discovery (ICMPv6) in, or nothing reaches the host at all.
      [[ $IP == 6 ]] && filter+=("-A INPUT -p ipv6-icmp -j ACCEPT")
      ;;
    server)
      [[ $SERVER_FW != none ]] || return 0
      [[ $HELPER == 1 ]] && raw+=("-A PREROUTING -p tcp --dport 21 -j CT --helper ftp")
      filter+=(":INPUT DROP [0:0]" "-A INPUT -i lo -j ACCEPT" "-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT")
      [[ $IP == 6 ]] && filter+=("-A INPUT -p ipv6-icmp -j ACCEPT")
      [[ $SERVER_FW != closed ]] && filter+=("-A INPUT -p tcp --dport 21 -m conntrack --ctstate NEW -j ACCEPT")
      [[ $SERVER_FW == range ]] && filter+=("-A INPUT -p tcp --dport 40000:40009 -m conntrack --ctstate NEW -j ACCEPT")
      ;;
    client-router)
      [[ $CLIENT_NAT == 1 ]] || return 0
      [[ $HELPER == 1 ]] && raw+=("-A PREROUTING -p tcp --dport 21 -j CT --helper ftp")
      nat+=("-A POSTROUTING -o wan -j MASQUERADE")
      ;;
    server-router)
      [[ $SERVER_NAT != none ]] || return 0
      [[ $HELPER == 1 ]] && raw+=("-A PREROUTING -p tcp --dport 21 -j CT --helper ftp")
      nat+=("-A PREROUTING -d $SRW -p tcp --dport 21 -j DNAT --to-destination $SV:21")
      nat+=("-A POSTROUTING -o wan -j MASQUERADE")
      ;;
  esac
  [[ ${#raw[@]} -gt 0 ]] && printf '*raw\n%s\nCOMMIT\n' "$(printf '%s\n' "${raw[@]}")"
  [[ ${#nat[@]} -gt 0 ]] && printf '*nat\n%s\nCOMMIT\n' "$(printf '%s\n' "${nat[@]}")"
  [[ ${#filter[@]} -gt 0 ]] && printf '*filter\n%s\nCOMMIT\n' "$(printf '%s\n' "${filter[@]}")"
  return 0
}
declare -A NS_OF=([client]=$C [client-router]=$CR [server-router]=$SR [server]=$S)
HELPER_BOXES=()
for box in client client-router server-router server; do
  ruleset "$box" >"$OUT/$box.rules"
  if [[ -s $OUT/$box.rules ]]; then
    nsx "${NS_OF[$box]}" "$RESTORE" "$OUT/$box.rules"
    grep -q -- '--helper ftp' "$OUT/$box.rules" && HELPER_BOXES+=("$box")
  else rm -f "$OUT/$box.rules"; fi
done

# ---- vsftpd ----
mkdir -p "$WORK/root" "$WORK/empty"
chmod 755 "$WORK" "$WORK/root" "$WORK/empty"
printf 'README.txt: FTP Flow Lab sample data.\n' >"$WORK/root/README.txt"
printf 'hello\n' >"$WORK/root/hello.txt"
touch -d '2026-11-24 13:34Z' "$WORK/root/README.txt" "$WORK/root/hello.txt"
{
  if [[ $IP == 6 ]]; then echo "listen=NO"; echo "listen_ipv6=YES"; else echo "listen=YES"; echo "listen_ipv6=NO"; fi
  cat <<EOF
background=NO
anonymous_enable=YES
local_enable=NO
no_anon_password=NO
anon_root=$WORK/root
secure_chroot_dir=$WORK/empty
connect_from_port_20=YES
port_promiscuous=NO
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=40009
connect_timeout=$WAIT
accept_timeout=$WAIT
data_connection_timeout=${DATA_TIMEOUT:-20}
idle_session_timeout=${IDLE_TIMEOUT:-60}
write_enable=NO
xferlog_enable=YES
xferlog_std_format=NO
log_ftp_protocol=YES
vsftpd_log_file=$OUT/vsftpd.log
syslog_enable=NO
dirmessage_enable=NO
seccomp_sandbox=NO
EOF
  if [[ $TLS == explicit ]]; then
    cat <<EOF
ssl_enable=YES
allow_anon_ssl=YES
force_anon_logins_ssl=YES
force_anon_data_ssl=YES
rsa_cert_file=$WORK/cert.pem
rsa_private_key_file=$WORK/key.pem
EOF
  fi
  for extra in ${VSFTPD_EXTRA:-}; do echo "$extra"; done
} >"$OUT/vsftpd.conf"
if [[ $TLS == explicit ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=ftp.lab.example \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
fi
cp "$OUT/vsftpd.conf" "$WORK/vsftpd.conf"

# ---- monitors and captures ----
netfilter_listening() { # a NETLINK_NETFILTER (12) socket with multicast groups in the box
  ip netns exec "$1" awk 'NR>1 && $2==12 && $4!="00000000" {found=1} END {exit !found}' /proc/net/netlink
}
for box in "${HELPER_BOXES[@]}"; do
  ip netns exec "${NS_OF[$box]}" conntrack -E expect >"$OUT/expect-$box.log" 2>&1 &
  PIDS+=($!)
  disown
  until_ok "conntrack -E expect in $box" 100 netfilter_listening "${NS_OF[$box]}"
done
ip netns exec "$S" vsftpd "$WORK/vsftpd.conf" 2>"$OUT/vsftpd.err" &
VSFTPD_PID=$!
PIDS+=($!)
disown
until_ok "vsftpd on port 21" 100 bash -c "ip netns exec $S ss -Hltn 'sport = :21' | grep -q ."
capture() { # ns iface file
  ip netns exec "$1" tcpdump -i "$2" -s 2048 -B 16384 -U --immediate-mode -n -Z root -w "$OUT/$3.pcap" \
    'tcp or icmp or icmp6' 2>"$OUT/$3.tcpdump" &
  PIDS+=($!)
  disown
  until_ok "tcpdump on $3" 100 grep -q 'listening on' "$OUT/$3.tcpdump"
}
capture "$C" lan client
capture "$CR" wan wan
capture "$S" lan server

# ---- the client ----
START=$(date +%s.%N)
set +e
case $CLIENT in
  curl)
    timeout $((LIMIT + 5)) ip netns exec "$C" curl -sS --max-time "$LIMIT" "${CLIENT_ARGS[@]}" "ftp://$URLHOST/" \
      >"$OUT/client.out" 2>"$OUT/client.err"
    ;;
  classic)
    OPTS=${CLIENT_ARGS[0]:-'{}'}
    OPTS=$(python3 -c 'import json,sys; o=json.loads(sys.argv[1]); o.setdefault("server",sys.argv[2]); o.setdefault("replyWait",sys.argv[3]); print(json.dumps(o))' "$OPTS" "$DIAL" "$LIMIT")
    timeout $((LIMIT + 5)) ip netns exec "$C" python3 "$HERE/../client/ftp_client.py" "$OPTS" \
      >"$OUT/client.out" 2>"$OUT/client.err"
    ;;
  raw)
    timeout $((LIMIT + 5)) ip netns exec "$C" python3 "$HERE/raw.py" "$DIAL" "${CLIENT_ARGS[@]}" \
      >"$OUT/client.out" 2>"$OUT/client.err"
    ;;
esac
RC=$?
set -e
END=$(date +%s.%N)
echo "$RC" >"$OUT/client.rc"
awk -v a="$START" -v b="$END" 'BEGIN { printf "%.3f\n", b - a }' >"$OUT/client.seconds"
# Let the last FIN/ACKs and any late reset arrive before the captures stop.
sleep 0.5
cleanup
trap - EXIT
for point in ${SUMMARIZE:-client wan server}; do
  python3 "$HERE/summarize.py" "$OUT/$point.pcap" >"$OUT/$point.txt" 2>/dev/null || true
done
echo "exit $RC after $(cat "$OUT/client.seconds") s: $(cat "$OUT/client.err")"

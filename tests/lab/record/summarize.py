#!/usr/bin/env python3
"""One line per packet of a lab capture (tshark underneath): seconds since the first packet, who sends to
whom, TCP flags, payload length, and what the payload is: the FTP line, or the TLS records (content type,
handshake message names, record lengths), or ICMP. Pure ACKs are left out unless --all. Passive data ports
and port 20 are decoded as TLS when they carry TLS records (TCP's TLS heuristic).

Times are seconds since the capture's first TCP segment.

Usage: summarize.py FILE.pcap [--all]
"""
import subprocess
import sys

CONTENT = {"20": "ChangeCipherSpec", "21": "Alert", "22": "Handshake", "23": "ApplicationData"}
HANDSHAKE = {"0": "HelloRequest", "1": "ClientHello", "2": "ServerHello", "4": "NewSessionTicket",
             "8": "EncryptedExtensions", "11": "Certificate", "12": "ServerKeyExchange",
             "13": "CertificateRequest", "14": "ServerHelloDone", "15": "CertificateVerify",
             "16": "ClientKeyExchange", "20": "Finished"}
FIELDS = ["frame.time_relative", "ipv6.src", "ip.src", "tcp.srcport", "ipv6.dst", "ip.dst", "tcp.dstport",
          "tcp.flags.str", "tcp.len", "tls.record.content_type", "tls.record.opaque_type", "tls.handshake.type", "tls.record.length",
          "tls.record.version", "ftp.request.command", "ftp.request.arg", "ftp.response.code",
          "ftp.response.arg", "icmp.type", "icmpv6.type", "_ws.col.Info", "tcp.analysis.retransmission"]

path = sys.argv[1]
show_all = "--all" in sys.argv
# tshark 4.0's FTP dissector does not follow AUTH TLS/SSL: the control connection's records after 234 would
# show as FTP lines of garbage. TCP's TLS heuristic, tried before the port's dissector, finds them (and the
# data connections' records); it rejects plaintext FTP, which stays FTP.
args = ["tshark", "-r", path, "-o", "tcp.relative_sequence_numbers:FALSE", "-o", "tcp.try_heuristic_first:TRUE",
        "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a",
        "-E", "aggregator=,"]
for f in FIELDS:
    args += ["-e", f]
out = subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout
rows = [dict(zip(FIELDS, row.split("\t"))) for row in out.splitlines()]
# Seconds since the first TCP segment (the control connection's SYN), not since a stray neighbour solicitation.
origin = next((float(v["frame.time_relative"]) for v in rows if v["tcp.srcport"]), 0.0)
for v in rows:
    src = v["ipv6.src"] or v["ip.src"]
    dst = v["ipv6.dst"] or v["ip.dst"]
    t = float(v["frame.time_relative"]) - origin
    if not v["tcp.srcport"]:
        if v["icmpv6.type"] in ("133", "134", "135", "136", "143") and not show_all:
            continue  # neighbour discovery, router solicitations, MLD
        print(f"{t:10.6f} {src} > {dst} ICMP {v['_ws.col.Info']}")
        continue
    flags = v["tcp.flags.str"].replace("·", "").replace("\u00b7", "")
    length = int(v["tcp.len"] or 0)
    if length == 0 and flags == "A" and not show_all:
        continue
    what = ""
    if v["tls.record.length"]:
        # Each record's type: TLS 1.3 encrypted records carry an opaque type (23) instead of a content type;
        # tshark lists the two fields separately, in record order within each.
        lengths = v["tls.record.length"].split(",")
        plain = [x for x in v["tls.record.content_type"].split(",") if x]
        opaque = [x for x in v["tls.record.opaque_type"].split(",") if x]
        types = plain + opaque if len(plain) + len(opaque) == len(lengths) else ["?"] * len(lengths)
        hs = [HANDSHAKE.get(h, h) for h in v["tls.handshake.type"].split(",") if h]
        records = []
        for i, ct in enumerate(types):
            name = CONTENT.get(ct, ct)
            records.append(f"{name}({lengths[i]})")
        what = "TLS " + " ".join(records) + (f" [{' '.join(hs)}]" if hs else "")
    elif v["ftp.request.command"]:
        what = f"FTP> {v['ftp.request.command']} {v['ftp.request.arg']}".rstrip()
    elif v["ftp.response.code"]:
        what = f"FTP< {v['_ws.col.Info'].removeprefix('Response: ')}"
    elif length:
        what = v["_ws.col.Info"][:90]
    retx = " (retransmission)" if v["tcp.analysis.retransmission"] else ""
    print(f"{t:10.6f} {src}:{v['tcp.srcport']} > {dst}:{v['tcp.dstport']} [{flags}] len={length} {what}{retx}")
